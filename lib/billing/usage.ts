import type { Knex } from 'knex';
import type { Queryable } from '../db';
import { TABLES } from '../db';
import type { BillingPeriod } from './period';
import type { LimitName } from './plans';

/** The usage ledger (migration 20261126030000); not in lib/db/tables.ts yet. */
export const USAGE_RECORDS = 'usage_records';

export const METRICS = ['listing_created', 'ai_generation'] as const;
export type Metric = (typeof METRICS)[number];

/** Statuses that no longer occupy an active-listing slot. */
export const INACTIVE_LISTING_STATUSES = ['rejected', 'expired', 'archived'] as const;

/**
 * Meters one act. `subjectId` is what was metered (the listing id, the draft id and attempt):
 * metering the same subject again is a no-op, so an activity retried by Temporal meters once.
 * Returns whether this call recorded it.
 */
export async function recordUsage(
  db: Queryable,
  agencyId: string,
  metric: Metric,
  subjectId: string,
  quantity = 1,
): Promise<boolean> {
  const rows: unknown[] = await db(USAGE_RECORDS)
    .insert({ agency_id: agencyId, metric, subject_id: subjectId, quantity })
    .onConflict(['agency_id', 'metric', 'subject_id'])
    .ignore()
    .returning('id');
  return rows.length > 0;
}

export async function meteredIn(
  db: Queryable,
  agencyId: string,
  metric: Metric,
  period: BillingPeriod,
): Promise<number> {
  const row = await db(USAGE_RECORDS)
    .where({ agency_id: agencyId, metric })
    .where('occurred_at', '>=', period.start)
    .where('occurred_at', '<', period.end)
    .sum<{ n: string | null }>({ n: 'quantity' })
    .first();
  return Number(row?.n ?? 0);
}

async function countRows(query: Knex.QueryBuilder): Promise<number> {
  const row = (await query.count({ n: '*' }).first()) as { n: string | number } | undefined;
  return Number(row?.n ?? 0);
}

/** Limits whose "used" is a count the database knows; the per-listing ones are per request. */
export type CountedLimit = Exclude<LimitName, 'languages_per_listing' | 'social_platforms'>;
export const COUNTED_LIMITS = [
  'listings_per_month',
  'active_listings',
  'users',
  'whatsapp_numbers',
  'wordpress_sites',
  'api_keys',
] as const satisfies readonly CountedLimit[];

/** How much of a counted limit the agency uses now (within `period` for the metered one). */
export function usedOf(
  db: Queryable,
  agencyId: string,
  limit: CountedLimit,
  period: BillingPeriod,
): Promise<number> {
  const mine = (table: string) => db(table).where({ agency_id: agencyId });
  switch (limit) {
    case 'listings_per_month':
      return meteredIn(db, agencyId, 'listing_created', period);
    case 'active_listings':
      return countRows(mine(TABLES.listings).whereNotIn('status', INACTIVE_LISTING_STATUSES));
    case 'users':
      return countRows(mine(TABLES.users).whereNot({ status: 'disabled' }));
    case 'whatsapp_numbers':
      return countRows(mine(TABLES.whatsappChannels));
    case 'wordpress_sites':
      return countRows(mine(TABLES.wordpressSites));
    case 'api_keys':
      return countRows(mine(TABLES.apiKeys).whereNull('revoked_at'));
  }
}
