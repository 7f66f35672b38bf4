import { randomUUID } from 'node:crypto';
import type { Db } from '../db';
import { TABLES, withTenant } from '../db';
import { sha256Hex } from '../crypto/tokens';
import type { Storage } from '../storage';
import { reserveListingQuota, type Denial } from '../billing/entitlements';

/**
 * A submission from the mobile app (or any client of `POST /v1/listings`) recorded the way a
 * WhatsApp burst is: one inbound message row per text and per photo (source `app`, payload in
 * WhatsApp's message shape so `textOf` reads it), each photo already stored with its
 * `listing_assets` row. The listing workflow then treats it like any other submission; its
 * media step finds every asset in place and downloads nothing.
 */
export interface AppSubmission {
  agencyId: string;
  listingId: string;
  agentUserId: string | null;
  workflowId: string;
  texts: string[];
  photos: StoredPhoto[];
}

export interface StoredPhoto {
  messageId: string;
  storageKey: string;
  sha256: string;
  mime: string;
  bytes: number;
  filename: string | undefined;
}

/** Stores one photo under the key the WhatsApp path uses, before any row refers to it. */
export async function storeAppPhoto(
  storage: Storage,
  agencyId: string,
  listingId: string,
  photo: { bytes: Buffer; mime: string; ext: string; filename?: string | undefined },
): Promise<StoredPhoto> {
  const messageId = randomUUID();
  const sha256 = sha256Hex(photo.bytes);
  const storageKey = `${agencyId}/listings/${listingId}/${messageId}.${photo.ext}`;
  await storage.put(storageKey, photo.bytes, { contentType: photo.mime, sha256 });
  return {
    messageId,
    storageKey,
    sha256,
    mime: photo.mime,
    bytes: photo.bytes.length,
    filename: photo.filename,
  };
}

/**
 * Writes the listing, its messages and its assets in one short transaction (the request's
 * only connection), after the agency's plan has allowed one more listing (counted like a
 * WhatsApp submission). Returns the message ids in order and the submitter's WhatsApp number
 * (replies go there), or the plan's refusal, in which case nothing is written.
 */
export async function recordAppSubmission(
  db: Db,
  s: AppSubmission,
): Promise<
  { ok: true; messageIds: string[]; agentPhone: string | null } | { ok: false; denial: Denial }
> {
  const now = new Date();
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return withTenant(db, s.agencyId, async (tx) => {
    const agent = s.agentUserId
      ? await tx(TABLES.users)
          .where({ id: s.agentUserId })
          .first<{ whatsapp_phone: string | null } | undefined>('whatsapp_phone')
      : undefined;
    const agentPhone = agent?.whatsapp_phone ?? null;
    const from = agentPhone ?? '';
    const texts = s.texts.map((body) => {
      const id = randomUUID();
      return {
        id,
        kind: 'text',
        payload: { from, id: `app.${id}`, timestamp, type: 'text', text: { body } },
      };
    });
    const photos = s.photos.map((p) => ({
      id: p.messageId,
      kind: 'image',
      payload: {
        from,
        id: `app.${p.messageId}`,
        timestamp,
        type: 'image',
        // Already in storage: the media id only keeps the payload in WhatsApp's shape.
        image: {
          id: `app.${p.messageId}`,
          mime_type: p.mime,
          sha256: p.sha256,
          ...(p.filename ? { filename: p.filename } : {}),
        },
      },
    }));
    const messages = [...texts, ...photos];
    const quota = await reserveListingQuota(tx, s.agencyId, s.listingId);
    if (!quota.ok) return { ok: false as const, denial: quota };
    await tx(TABLES.listings).insert({
      id: s.listingId,
      agency_id: s.agencyId,
      agent_user_id: s.agentUserId,
      status: 'receiving',
      workflow_id: s.workflowId,
    });
    await tx(TABLES.inboundMessages).insert(
      messages.map((m) => ({
        id: m.id,
        agency_id: s.agencyId,
        channel_id: null,
        source: 'app',
        provider_message_id: m.payload.id,
        from_phone: agentPhone,
        kind: m.kind,
        payload: JSON.stringify(m.payload),
        sent_at: now,
        // Handed straight to the listing workflow: never the reconciler's business.
        state: 'dispatched',
        dispatched_at: now,
        listing_id: s.listingId,
      })),
    );
    if (s.photos.length)
      await tx(TABLES.listingAssets).insert(
        s.photos.map((p) => ({
          agency_id: s.agencyId,
          listing_id: s.listingId,
          inbound_message_id: p.messageId,
          storage_key: p.storageKey,
          sha256: p.sha256,
          mime_type: p.mime,
          bytes: p.bytes,
          status: 'stored',
        })),
      );
    return { ok: true as const, messageIds: messages.map((m) => m.id), agentPhone };
  });
}

/**
 * Undoes a submission whose workflow could not be started, so the client's retry is the only
 * copy. Best effort: what cannot be removed now is an orphan in `receiving`, never a duplicate.
 */
export async function discardAppSubmission(
  db: Db,
  storage: Storage,
  agencyId: string,
  listingId: string,
  storageKeys: string[],
): Promise<void> {
  await withTenant(db, agencyId, async (tx) => {
    await tx(TABLES.inboundMessages).where({ listing_id: listingId, source: 'app' }).delete();
    await tx(TABLES.listings).where({ id: listingId }).delete();
    // Its `listing_created` usage stays: the ledger is append-only for this role.
  });
  await Promise.allSettled(storageKeys.map((key) => storage.delete(key)));
}
