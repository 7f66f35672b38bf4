import { PlanIdSchema, limitsFor, type PlanId } from './plans';

/**
 * What a subscription's Stripe status means for the product:
 * - `active`, `trialing`: the plan, in full.
 * - `past_due`: the plan during its grace period (`past_due_grace_days`, counted from
 *   `past_due_since`), then read-only: nothing new is created until the invoice is paid.
 * - `unpaid` (Stripe gave up retrying): read-only at once.
 * - `canceled`, `incomplete`, `incomplete_expired`, `paused`, anything unknown: Starter.
 * Read-only never deletes or hides anything; it refuses new listings, users, keys and the like.
 */
export type Access = 'full' | 'grace' | 'read_only';

export interface Standing {
  /** The plan whose limits apply now. */
  plan: PlanId;
  /** The plan the subscription is for (what the agency pays for, or paid for). */
  subscribedPlan: PlanId;
  status: string;
  access: Access;
  graceEndsAt: Date | null;
}

const DAY_MS = 24 * 3600 * 1000;
const FULL = ['active', 'trialing'];

export function standingOf(
  sub: { plan: string; status: string; past_due_since: Date | null; updated_at: Date } | undefined,
  now: Date,
): Standing {
  const parsed = PlanIdSchema.safeParse(sub?.plan);
  const subscribedPlan: PlanId = parsed.success ? parsed.data : 'starter';
  const status = sub?.status ?? 'active';
  const base = { subscribedPlan, status, graceEndsAt: null };
  if (FULL.includes(status)) return { ...base, plan: subscribedPlan, access: 'full' };
  if (status === 'past_due') {
    const since = sub?.past_due_since ?? sub?.updated_at ?? now;
    const graceEndsAt = new Date(
      since.getTime() + limitsFor(subscribedPlan).past_due_grace_days * DAY_MS,
    );
    return {
      ...base,
      plan: subscribedPlan,
      access: now < graceEndsAt ? 'grace' : 'read_only',
      graceEndsAt,
    };
  }
  if (status === 'unpaid') return { ...base, plan: subscribedPlan, access: 'read_only' };
  return { ...base, plan: 'starter', access: 'full' };
}
