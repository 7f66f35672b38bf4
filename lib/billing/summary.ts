import type { Queryable } from '../db';
import { billingContext } from './entitlements';
import { FEATURE_NAMES, LIMIT_NAMES, PLANS } from './plans';
import { readOnlyIds, OVERFLOWING_LIMITS } from './readOnly';
import { createSubscriptionStore } from './subscriptionStore';
import { COUNTED_LIMITS, meteredIn } from './usage';
import { usedOf } from './usage';

/** What `GET /v1/billing` shows: the plan in force, why, its limits, and this period's usage. */
export async function billingSummary(db: Queryable, agencyId: string, now: Date = new Date()) {
  const { standing, period, entitlements } = await billingContext(db, agencyId, now);
  const sub = await createSubscriptionStore(db).get(agencyId);
  const usage: Record<string, number> = {};
  for (const limit of COUNTED_LIMITS) usage[limit] = await usedOf(db, agencyId, limit, period);
  usage.ai_generations = await meteredIn(db, agencyId, 'ai_generation', period);
  const readOnly: Record<string, number> = {};
  for (const limit of OVERFLOWING_LIMITS)
    readOnly[limit] = (await readOnlyIds(db, agencyId, limit, now)).length;

  return {
    plan: standing.plan,
    planName: PLANS[standing.plan].name,
    access: standing.access,
    graceEndsAt: standing.graceEndsAt,
    subscription: {
      plan: standing.subscribedPlan,
      status: standing.status,
      currentPeriodStart: sub?.current_period_start ?? null,
      currentPeriodEnd: sub?.current_period_end ?? null,
      cancelAtPeriodEnd: sub?.cancel_at_period_end ?? false,
      trialEndsAt: sub?.trial_ends_at ?? null,
      managedByStripe: Boolean(sub?.stripe_subscription_id),
    },
    period: { start: period.start, end: period.end, source: period.source },
    limits: Object.fromEntries(LIMIT_NAMES.map((l) => [l, entitlements[l]])),
    features: Object.fromEntries(FEATURE_NAMES.map((f) => [f, entitlements[f]])),
    usage,
    /** How many items beyond the plan's limits are read-only (never deleted). */
    readOnly,
  };
}
