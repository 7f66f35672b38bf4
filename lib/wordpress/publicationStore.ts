import type { Queryable } from '../db';
import { TABLES } from '../db';
import type { MediaByAsset } from './mapping';

export type PublicationState =
  'pending' | 'uploading' | 'draft' | 'published' | 'archived' | 'failed';

export interface PublicationRow {
  id: string;
  agency_id: string;
  listing_id: string;
  site_id: string;
  remote_id: string | null;
  remote_url: string | null;
  remote_status: string | null;
  state: PublicationState;
  error: string | null;
  remote_media: MediaByAsset;
  archived_reason: string | null;
  lease_owner: string | null;
  lease_expires_at: Date | null;
  published_at: Date | null;
}

/** What the listing page shows per site: the link, the state and, when failed, why. */
export function publicPublication(row: PublicationRow) {
  return {
    siteId: row.site_id,
    state: row.state,
    url: row.remote_url,
    remoteId: row.remote_id,
    remoteStatus: row.remote_status,
    error: row.error,
    archivedReason: row.archived_reason,
    publishedAt: row.published_at,
    photos: Object.keys(row.remote_media ?? {}).length,
  };
}

/** One listing on one site: which post it became and what we know of it. */
export function createPublicationStore(db: Queryable) {
  const pubs = () => db<PublicationRow>(TABLES.publications);
  return {
    /** The row of (listing, site), created `pending` the first time. */
    async ensure(agencyId: string, listingId: string, siteId: string): Promise<PublicationRow> {
      await pubs()
        .insert({ agency_id: agencyId, listing_id: listingId, site_id: siteId })
        .onConflict(['agency_id', 'listing_id', 'site_id'])
        .ignore();
      return (await pubs().where({ listing_id: listingId, site_id: siteId }).first())!;
    },

    get: (listingId: string, siteId: string) =>
      pubs().where({ listing_id: listingId, site_id: siteId }).first(),

    forListing: (listingId: string) =>
      pubs().where({ listing_id: listingId }).orderBy('created_at', 'asc'),

    /**
     * Takes the lease if nobody holds a live one; false if another attempt holds it. The
     * clock is the database's, so workers with skewed clocks agree.
     */
    async acquireLease(id: string, owner: string, seconds: number): Promise<boolean> {
      const taken = await pubs()
        .where({ id })
        .andWhere((w) =>
          w
            .whereNull('lease_expires_at')
            .orWhere('lease_expires_at', '<', db.fn.now())
            .orWhere('lease_owner', owner),
        )
        .update({
          lease_owner: owner,
          lease_expires_at: db.raw(`now() + make_interval(secs => ?)`, [seconds]),
        });
      return taken > 0;
    },

    /** Seconds until the current lease ends (0 if none). */
    async leaseRemaining(id: string): Promise<number> {
      const row = await pubs()
        .where({ id })
        .first<{ left: number | null }>(
          db.raw(`extract(epoch from (lease_expires_at - now()))::float as "left"`),
        );
      return Math.max(0, Math.ceil(row?.left ?? 0));
    },

    releaseLease: (id: string, owner: string) =>
      pubs()
        .where({ id, lease_owner: owner })
        .update({ lease_owner: null, lease_expires_at: null }),

    /** Merges uploaded media into remote_media (jsonb `||`, so concurrent keys survive). */
    rememberMedia: (id: string, media: MediaByAsset) =>
      db(TABLES.publications)
        .where({ id })
        .update({
          remote_media: db.raw(`remote_media || ?::jsonb`, [JSON.stringify(media)]),
          updated_at: db.fn.now(),
        }),

    update: (id: string, fields: Partial<Omit<PublicationRow, 'id' | 'agency_id'>>) =>
      pubs()
        .where({ id })
        .update({ ...fields, updated_at: db.fn.now() } as Record<string, unknown>),
  };
}
