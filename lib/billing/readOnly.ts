import type { Queryable } from '../db';
import { TABLES } from '../db';
import { billingContext } from './entitlements';
import { INACTIVE_LISTING_STATUSES } from './usage';

/**
 * Downgrades never delete data. What exceeds the plan becomes read-only instead: the oldest
 * items up to the limit stay writable (they were bought first), the newer ones are kept,
 * shown and exported, but not edited, approved or published until the agency upgrades or
 * archives/removes enough of the others.
 */
const OVERFLOWING = {
  active_listings: (db: Queryable, agencyId: string) =>
    db(TABLES.listings)
      .where({ agency_id: agencyId })
      .whereNotIn('status', INACTIVE_LISTING_STATUSES),
  wordpress_sites: (db: Queryable, agencyId: string) =>
    db(TABLES.wordpressSites).where({ agency_id: agencyId }),
  whatsapp_numbers: (db: Queryable, agencyId: string) =>
    db(TABLES.whatsappChannels).where({ agency_id: agencyId }),
  api_keys: (db: Queryable, agencyId: string) =>
    db(TABLES.apiKeys).where({ agency_id: agencyId }).whereNull('revoked_at'),
} as const;
export type OverflowingLimit = keyof typeof OVERFLOWING;
export const OVERFLOWING_LIMITS = Object.keys(OVERFLOWING) as OverflowingLimit[];

/** Ids beyond the plan's limit, oldest-first order: these are read-only. */
export async function readOnlyIds(
  db: Queryable,
  agencyId: string,
  limit: OverflowingLimit,
  now?: Date,
): Promise<string[]> {
  const { entitlements } = await billingContext(db, agencyId, now);
  const max = entitlements[limit];
  if (max === null) return [];
  const rows: Array<{ id: string }> = await OVERFLOWING[limit](db, agencyId)
    .orderBy([{ column: 'created_at' }, { column: 'id' }])
    .offset(max)
    .select('id');
  return rows.map((r) => r.id);
}

/**
 * Whether one listing may be edited, approved or published under the agency's plan now (never
 * while the subscription is read-only for non-payment).
 */
export async function listingIsWritable(
  db: Queryable,
  agencyId: string,
  listingId: string,
  now?: Date,
): Promise<boolean> {
  const { standing } = await billingContext(db, agencyId, now);
  if (standing.access === 'read_only') return false;
  return !(await readOnlyIds(db, agencyId, 'active_listings', now)).includes(listingId);
}
