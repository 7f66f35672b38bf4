import { Context } from '@temporalio/activity';
import type { ActivityDeps } from '../deps';
import { TABLES, withTenant } from '../../lib/db';
import type { Language } from '../../lib/domain/listing';
import { AIProviderError } from '../../lib/ai/errors';
import {
  measurePhoto,
  type PhotoMetrics,
  type QualityFlag,
  type RoomTag,
} from '../../lib/ai/photos/measure';
import { arrangeGallery as arrange, type AnalysedPhoto } from '../../lib/ai/photos/gallery';
import type { PhotoDescription } from '../../lib/ai/provider';
import { checkFeature } from '../../lib/billing/entitlements';
import { meterGenerations, notePlanSkip, planSkip } from '../../lib/billing/draftingPlan';
import { agentCaption, type CaptionSource } from '../../lib/ai/photos/captions';
import { fold } from '../../lib/ai/extraction/text';
import { InboundMessage, mediaOf } from '../../lib/whatsapp/payload';
import { toDraftingFailure } from './failures';
import { meterKey } from './metering';

/** What `listing_assets.quality` holds after analysis. */
export interface StoredQuality extends PhotoMetrics {
  description: PhotoDescription & {
    provider: string;
    model: string;
    promptVersion: string;
    usage?: unknown;
    /** Why the provider's description is missing (it refused); the photo still counts. */
    error?: string;
    /** The plan has no photo AI: measured only, no provider call. */
    skipped?: 'not_in_plan';
    /** Where `caption` came from; absent when there is none yet (the gallery numbers it). */
    captionSource?: CaptionSource;
    /** The vision model's own words, kept when the agent's caption took their place. */
    providerCaption?: string | null;
  };
  /** Where the caption shown in the gallery came from (set when the gallery is arranged). */
  captionSource?: CaptionSource;
}

export interface AnalysePhotoResult {
  assetId: string;
  flags: QualityFlag[];
  roomTag: RoomTag | null;
  readable: boolean;
}

/**
 * Step 3a, once per photo (in parallel, each retried alone): measure it with image processing,
 * ask the provider what it shows, and record both on the asset. Bytes are read from storage
 * here and never enter the workflow's history. A file that is no readable image is marked
 * skipped with the reason; a provider that refuses one photo leaves it uncaptioned rather than
 * failing the listing. On a plan without `photo_ai` the provider is not asked: the photo is
 * measured (quality flags, duplicates, cover) and numbered, and the listing notes the skip.
 * Each provider call is metered as an AI generation.
 */
export const createAnalysePhoto = (deps: ActivityDeps) =>
  async function analysePhoto(input: {
    agencyId: string;
    assetId: string;
    language: Language;
  }): Promise<AnalysePhotoResult> {
    const { agencyId, assetId } = input;
    const { asset, photoAi } = await withTenant(deps.db, agencyId, async (tx) => ({
      asset: await tx(`${TABLES.listingAssets} as a`)
        .leftJoin(`${TABLES.inboundMessages} as m`, 'm.id', 'a.inbound_message_id')
        .where('a.id', assetId)
        .first<
          { storage_key: string | null; listing_id: string | null; payload: unknown } | undefined
        >('a.storage_key', 'a.listing_id', 'm.payload'),
      photoAi: await checkFeature(tx, agencyId, 'photo_ai'),
    }));
    if (!asset?.storage_key) throw new Error(`asset ${assetId} has no stored file`);
    const signal = Context.current().cancellationSignal;
    let body: Buffer;
    try {
      ({ body } = await deps.storage.get(asset.storage_key, { signal }));
    } catch (err) {
      throw toDraftingFailure(err);
    }
    let measured: Awaited<ReturnType<typeof measurePhoto>>;
    try {
      measured = await measurePhoto(body);
    } catch (err) {
      // sharp refuses only what it cannot decode: a retry would read the same bytes.
      await withTenant(deps.db, agencyId, (tx) =>
        tx(TABLES.listingAssets)
          .where({ id: assetId })
          .update({
            status: 'skipped',
            skip_reason: `not a readable image: ${err instanceof Error ? err.message : String(err)}`,
            order: null,
            updated_at: tx.fn.now(),
          }),
      );
      return { assetId, flags: [], roomTag: null, readable: false };
    }

    let description: StoredQuality['description'];
    let called = false;
    if (!photoAi.ok && photoAi.reason !== 'read_only') {
      description = {
        roomTag: null,
        caption: null,
        confidence: 0,
        provider: deps.ai.provider.name,
        model: '',
        promptVersion: '',
        skipped: 'not_in_plan',
      };
    } else
      try {
        called = true;
        const call = await deps.ai.provider.analysePhoto(
          {
            jpeg: measured.jpeg,
            url: await deps.storage.signedUrl(asset.storage_key),
            metrics: measured.metrics,
            language: input.language,
          },
          { signal },
        );
        description = {
          ...call.value,
          provider: deps.ai.provider.name,
          model: call.model,
          promptVersion: call.promptVersion,
          ...(call.usage ? { usage: call.usage } : {}),
        };
      } catch (err) {
        if (!(err instanceof AIProviderError && err.kind === 'refused'))
          throw toDraftingFailure(err);
        description = {
          roomTag: null,
          caption: null,
          confidence: 0,
          provider: deps.ai.provider.name,
          model: '',
          promptVersion: '',
          error: err.message,
        };
      }
    description = withAgentCaption(
      description,
      asset.payload,
      input.language,
      deps.ai.provider.name,
    );
    const quality: StoredQuality = { ...measured.metrics, description };
    await withTenant(deps.db, agencyId, async (tx) => {
      await tx(TABLES.listingAssets)
        .where({ id: assetId })
        .update({
          width: measured.metrics.width,
          height: measured.metrics.height,
          phash: measured.metrics.phash,
          image_of: description.roomTag,
          quality: JSON.stringify(quality),
          updated_at: tx.fn.now(),
        });
      if (called) await meterGenerations(tx, agencyId, meterKey(), 1);
      if (asset.listing_id)
        await notePlanSkip(
          tx,
          agencyId,
          asset.listing_id,
          'photo_ai',
          photoAi.ok || called ? null : planSkip('photo_ai', photoAi, ['photo_analysis']),
        );
    });
    return {
      assetId,
      flags: measured.metrics.flags,
      roomTag: description.roomTag,
      readable: true,
    };
  };

/**
 * The agent's own WhatsApp caption ("Living room", "View from the balcony") is the best
 * caption there is: they were in the room. It replaces the provider's words, and the room it
 * names replaces the provider's tag; the provider's caption is kept beside it.
 */
function withAgentCaption(
  description: StoredQuality['description'],
  payload: unknown,
  language: Language,
  providerName: string,
): StoredQuality['description'] {
  const message = InboundMessage.safeParse(payload);
  const fromAgent = agentCaption(
    message.success ? mediaOf(message.data)?.caption : undefined,
    language,
    fold,
  );
  if (fromAgent) {
    return {
      ...description,
      caption: fromAgent.caption,
      roomTag: fromAgent.roomTag ?? description.roomTag,
      captionSource: 'agent',
      providerCaption: description.caption,
    };
  }
  if (description.caption === null) return description;
  // The local provider captions only from pixel rules ("Exterior" for a band of sky).
  return { ...description, captionSource: providerName === 'local' ? 'fallback' : 'vision' };
}

export interface GalleryResult {
  photos: number;
  duplicates: number;
  flagged: number;
  coverId: string | null;
}

/**
 * Step 3b: the gallery. Near-duplicates are marked (`status = duplicate`, `duplicate_of`),
 * the rest ordered with the cover at 0, and every shown photo captioned: the provider's words,
 * or "Photo N" by its place in the gallery.
 */
export const createArrangeGallery = (deps: ActivityDeps) =>
  async function arrangeGallery(input: {
    agencyId: string;
    listingId: string;
    language: Language;
    /** The photos in the order the agent sent them (from normalize). */
    photoIds: string[];
  }): Promise<GalleryResult> {
    return withTenant(deps.db, input.agencyId, async (tx) => {
      const rows = await tx(TABLES.listingAssets)
        .whereIn('id', input.photoIds)
        .whereIn('status', ['stored', 'duplicate'])
        .select<Array<{ id: string; quality: StoredQuality | Record<string, never> }>>(
          'id',
          'quality',
        );
      const photos: AnalysedPhoto[] = rows
        .filter((r): r is { id: string; quality: StoredQuality } => 'phash' in r.quality)
        .map((r) => ({
          id: r.id,
          position: input.photoIds.indexOf(r.id),
          metrics: r.quality,
          roomTag: r.quality.description?.roomTag ?? null,
          caption: r.quality.description?.caption ?? null,
        }));
      const placements = arrange(photos, input.language);
      // A photo with no caption of its own is numbered by the gallery: a fallback.
      const sourceOf = new Map(
        rows.map((r) => [
          r.id,
          'phash' in r.quality ? r.quality.description?.captionSource : undefined,
        ]),
      );
      for (const p of placements) {
        await tx(TABLES.listingAssets)
          .where({ id: p.id })
          .update({
            order: p.order,
            status: p.duplicateOf ? 'duplicate' : 'stored',
            duplicate_of: p.duplicateOf,
            long_description: p.caption,
            quality: tx.raw(`jsonb_set(quality, '{captionSource}', to_jsonb(?::text))`, [
              sourceOf.get(p.id) ?? 'fallback',
            ]),
            updated_at: tx.fn.now(),
          });
      }
      const shown = placements.filter((p) => p.order !== null);
      return {
        photos: shown.length,
        duplicates: placements.length - shown.length,
        flagged: photos.filter((p) => p.metrics.flags.length && shown.some((s) => s.id === p.id))
          .length,
        coverId: shown.find((p) => p.order === 0)?.id ?? null,
      };
    });
  };
