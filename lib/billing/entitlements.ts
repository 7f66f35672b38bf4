import type { Queryable } from '../db';
import { currentPeriod, type BillingPeriod } from './period';
import {
  admits,
  limitsFor,
  upgradeFor,
  type Entitlements,
  type FeatureName,
  type LimitName,
  type PlanId,
} from './plans';
import { standingOf, type Standing } from './standing';
import { createSubscriptionStore } from './subscriptionStore';
import { recordUsage, usedOf, USAGE_RECORDS, type CountedLimit } from './usage';

/**
 * Entitlement checks. Each takes the caller's tenant transaction, so the count and the write it
 * guards see the same data, and returns data rather than throwing: the API turns a denial into
 * a 402 (`PlanLimitError`), the WhatsApp intake into a reply to the agent.
 */
export type Denial = {
  ok: false;
  limit: LimitName | FeatureName;
  /** How much is in use now (for a per-listing limit: what was asked for), or null for a feature. */
  used: number | null;
  /** What the plan allows: a number, null (unlimited), or a feature flag. */
  max: number | boolean | null;
  plan: PlanId;
  upgrade_to: PlanId | null;
  /** `read_only`: a past-due subscription beyond its grace period, or an unpaid one. */
  reason: 'over_limit' | 'not_in_plan' | 'read_only';
};
export type LimitCheck = { ok: true } | Denial;

export interface BillingContext {
  standing: Standing;
  period: BillingPeriod;
  entitlements: Entitlements;
}

export async function billingContext(
  db: Queryable,
  agencyId: string,
  now: Date = new Date(),
): Promise<BillingContext> {
  const sub = await createSubscriptionStore(db).get(agencyId);
  const standing = standingOf(sub, now);
  return { standing, period: currentPeriod(sub, now), entitlements: limitsFor(standing.plan) };
}

function denial(
  ctx: BillingContext,
  limit: LimitName | FeatureName,
  used: number | null,
  reason: Denial['reason'],
  needed: number | undefined = used ?? undefined,
): Denial {
  const max = ctx.entitlements[limit];
  return {
    ok: false,
    limit,
    used,
    max,
    plan: ctx.standing.plan,
    // Read-only is lifted by paying, not by upgrading.
    upgrade_to: reason === 'read_only' ? null : upgradeFor(limit, ctx.standing.plan, needed),
    reason,
  };
}

/** May the agency add `adding` (default 1) more of a counted limit (users, keys, listings...)? */
export async function checkLimit(
  db: Queryable,
  agencyId: string,
  limit: CountedLimit,
  opts: { adding?: number; now?: Date } = {},
): Promise<LimitCheck> {
  const ctx = await billingContext(db, agencyId, opts.now);
  const used = await usedOf(db, agencyId, limit, ctx.period);
  const needed = used + (opts.adding ?? 1);
  if (ctx.standing.access === 'read_only') return denial(ctx, limit, used, 'read_only');
  return admits(ctx.entitlements[limit], needed)
    ? { ok: true }
    : denial(ctx, limit, used, 'over_limit', needed);
}

/** May one listing have `requested` languages or social platforms? */
export async function checkPerListing(
  db: Queryable,
  agencyId: string,
  limit: 'languages_per_listing' | 'social_platforms',
  requested: number,
  now?: Date,
): Promise<LimitCheck> {
  const ctx = await billingContext(db, agencyId, now);
  if (ctx.standing.access === 'read_only') return denial(ctx, limit, requested, 'read_only');
  return admits(ctx.entitlements[limit], requested)
    ? { ok: true }
    : denial(ctx, limit, requested, 'over_limit');
}

/** Is a feature (photo AI, the `property` mapping, CRM, payments) in the agency's plan? */
export async function checkFeature(
  db: Queryable,
  agencyId: string,
  feature: FeatureName,
  now?: Date,
): Promise<LimitCheck> {
  const ctx = await billingContext(db, agencyId, now);
  if (ctx.standing.access === 'read_only') return denial(ctx, feature, null, 'read_only');
  return ctx.entitlements[feature] ? { ok: true } : denial(ctx, feature, null, 'not_in_plan');
}

/**
 * May the agency start one more listing? Both the monthly allowance and the active-listing
 * limit must admit it. A pure check; `reserveListingQuota` checks and meters in one step.
 */
export async function checkListingQuota(
  db: Queryable,
  agencyId: string,
  now?: Date,
): Promise<LimitCheck> {
  for (const limit of ['listings_per_month', 'active_listings'] as const) {
    const check = await checkLimit(db, agencyId, limit, { now });
    if (!check.ok) return check;
  }
  return { ok: true };
}

/**
 * Serializes the agency's limited creations until the transaction ends, so two concurrent
 * requests cannot both take the last slot of a limit.
 */
export async function lockQuota(db: Queryable, agencyId: string): Promise<void> {
  await db.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [`quota:${agencyId}`]);
}

/**
 * Checks the listing quota and meters `listingId` as created, atomically and idempotently:
 * concurrent submissions of one agency queue on a transaction-scoped advisory lock (so two
 * cannot both take the last slot), and a listing already metered passes again (a retried
 * activity is not refused by its own first attempt). Call it in the transaction that creates
 * the listing row, before inserting it.
 */
export async function reserveListingQuota(
  db: Queryable,
  agencyId: string,
  listingId: string,
  now?: Date,
): Promise<LimitCheck> {
  await lockQuota(db, agencyId);
  const metered = await db(USAGE_RECORDS)
    .where({ agency_id: agencyId, metric: 'listing_created', subject_id: listingId })
    .first<{ id: string } | undefined>('id');
  if (metered) return { ok: true };
  const check = await checkListingQuota(db, agencyId, now);
  if (check.ok) await recordUsage(db, agencyId, 'listing_created', listingId);
  return check;
}
