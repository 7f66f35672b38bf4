import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { ActivityDeps } from '../deps';
import { TABLES, withTenant } from '../../lib/db';
import { InboundMessage, mediaOf } from '../../lib/whatsapp/payload';
import {
  MAX_BYTES,
  digestMatches,
  headOf,
  imageHeader,
  pixelProblem,
  sniffImage,
} from '../../lib/whatsapp/mediaChecks';
import { toActivityFailure } from '../failures';
import { MediaTooLargeError, type DownloadedFile } from '../../lib/whatsapp/graphClient';
import { channelToken } from '../whatsapp/channel';

export type StoreMediaOutcome =
  | { outcome: 'text' }
  | { outcome: 'stored'; assetId: string }
  | { outcome: 'skipped'; assetId: string; reason: string };

/**
 * Downloads one message's photo from WhatsApp into storage and records it as a listing asset.
 * Bounded at every step: the download by WhatsApp's size limit and a timeout, the photo by its
 * pixel count read from the header (a decompression bomb is refused before it is decoded, with
 * the reason on the asset), and the bytes streamed through a scratch file, never held whole.
 * Idempotent by message id: a retry or a replay finds the asset row and returns it. The media
 * URL expires after five minutes, so every attempt asks Meta for a fresh one.
 */
export const createStoreMedia = (deps: ActivityDeps) =>
  async function storeMedia(input: {
    agencyId: string;
    listingId: string;
    inboundMessageId: string;
  }): Promise<StoreMediaOutcome> {
    const { agencyId, listingId, inboundMessageId } = input;
    const known = await withTenant(deps.db, agencyId, async (tx) => {
      const asset = await tx(TABLES.listingAssets)
        .where({ inbound_message_id: inboundMessageId })
        .first<{ id: string; status: string; skip_reason: string | null } | undefined>();
      const message = await tx(TABLES.inboundMessages)
        .where({ id: inboundMessageId })
        .first<{ payload: unknown; channel_id: string | null } | undefined>();
      return { asset, message };
    });
    if (known.asset) {
      return known.asset.status === 'stored'
        ? { outcome: 'stored', assetId: known.asset.id }
        : {
            outcome: 'skipped',
            assetId: known.asset.id,
            reason: known.asset.skip_reason ?? 'skipped',
          };
    }
    if (!known.message)
      throw ApplicationFailure.nonRetryable(`message ${inboundMessageId} not found`, 'NotFound');
    const parsed = InboundMessage.safeParse(known.message.payload);
    const media = parsed.success ? mediaOf(parsed.data) : undefined;
    if (!media) return { outcome: 'text' };

    const skip = (reason: string, extra: Record<string, unknown> = {}) =>
      recordAsset(deps, input, {
        status: 'skipped',
        skip_reason: reason,
        mime_type: media.mime_type ?? null,
        ...extra,
      });
    if (
      media.kind === 'video' ||
      (media.kind === 'document' && !media.mime_type?.startsWith('image/'))
    ) {
      return {
        outcome: 'skipped',
        assetId: await skip(`not a photo (${media.mime_type ?? media.kind})`),
        reason: 'not_a_photo',
      };
    }

    const limit = MAX_BYTES[media.kind];
    // The file goes to local disk while it downloads (a document may be 100 MB), is checked
    // there, and streamed on to storage: no photo is held in memory whole.
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'realty-media-'));
    try {
      const file = path.join(scratch, 'download');
      let downloaded: DownloadedFile;
      try {
        const client = deps.whatsapp(await channelToken(deps, agencyId, known.message.channel_id));
        const signal = Context.current().cancellationSignal;
        const info = await client.mediaInfo(media.id, signal);
        if (info.file_size && info.file_size > limit) {
          return {
            outcome: 'skipped',
            assetId: await skip(`too large: ${info.file_size} bytes (limit ${limit})`),
            reason: 'too_large',
          };
        }
        downloaded = await client.downloadTo(info.url, file, limit, signal);
      } catch (err) {
        if (err instanceof MediaTooLargeError) {
          return {
            outcome: 'skipped',
            assetId: await skip(`too large (limit ${limit} bytes)`),
            reason: 'too_large',
          };
        }
        throw toActivityFailure(err);
      }
      if (!digestMatches(downloaded.sha256, media.sha256)) {
        // A corrupted transfer: retry the download rather than keep a broken photo.
        throw ApplicationFailure.create({
          message: 'downloaded bytes do not match the sha256 WhatsApp sent',
          type: 'ChecksumMismatch',
        });
      }
      const image = sniffImage(await headOf(file));
      const header = image && (await imageHeader(file));
      if (!image || !header) {
        return {
          outcome: 'skipped',
          assetId: await skip('the file is not an image we can read', {
            bytes: downloaded.bytes,
          }),
          reason: 'not_an_image',
        };
      }
      // Refused on the header's numbers, before anything decodes a pixel.
      const tooMany = pixelProblem(header.width, header.height);
      if (tooMany) {
        return {
          outcome: 'skipped',
          assetId: await skip(tooMany, {
            bytes: downloaded.bytes,
            width: header.width,
            height: header.height,
          }),
          reason: 'too_many_pixels',
        };
      }
      const sha256 = downloaded.sha256.toString('hex');
      const key = `${agencyId}/listings/${listingId}/${inboundMessageId}.${image.ext}`;
      await deps.storage.putFile(key, file, { contentType: image.mime, sha256 });
      const assetId = await recordAsset(deps, input, {
        status: 'stored',
        storage_key: key,
        sha256,
        mime_type: image.mime,
        bytes: downloaded.bytes,
      });
      return { outcome: 'stored', assetId };
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  };

async function recordAsset(
  deps: ActivityDeps,
  input: { agencyId: string; listingId: string; inboundMessageId: string },
  fields: Record<string, unknown>,
): Promise<string> {
  return withTenant(deps.db, input.agencyId, async (tx) => {
    await tx(TABLES.listingAssets)
      .insert({
        agency_id: input.agencyId,
        listing_id: input.listingId,
        inbound_message_id: input.inboundMessageId,
        ...fields,
      })
      .onConflict(['agency_id', 'inbound_message_id'])
      .ignore();
    const row = await tx(TABLES.listingAssets)
      .where({ inbound_message_id: input.inboundMessageId })
      .first<{ id: string }>('id');
    return row.id;
  });
}
