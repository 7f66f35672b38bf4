import type { Tx } from '../db';
import { recordAudit } from '../audit/auditLog';
import type { PlanId } from './plans';
import { LIVE_STATUSES, type LiveSubscription } from './stripeObjects';
import {
  createSubscriptionStore,
  type SubscriptionRow,
  type SubscriptionState,
} from './subscriptionStore';

export type ConvergeOutcome =
  | { outcome: 'changed'; before: SubscriptionState; after: SubscriptionState }
  | { outcome: 'unchanged' }
  /** The live subscription belongs to another customer, or is an older, ended one. */
  | { outcome: 'skipped'; reason: 'other_customer' | 'superseded_subscription' };

const FIELDS: Array<keyof SubscriptionState> = [
  'plan',
  'status',
  'stripe_subscription_id',
  'stripe_price_id',
  'current_period_start',
  'current_period_end',
  'cancel_at_period_end',
  'trial_ends_at',
  'past_due_since',
];

const date = (s: number | null | undefined) => (s ? new Date(s * 1000) : null);
const stateOf = (row: SubscriptionRow): SubscriptionState =>
  Object.fromEntries(FIELDS.map((f) => [f, row[f]])) as unknown as SubscriptionState;
const same = (a: SubscriptionState, b: SubscriptionState) =>
  FIELDS.every((f) => {
    const x = a[f];
    const y = b[f];
    return x instanceof Date && y instanceof Date ? x.getTime() === y.getTime() : x === y;
  });

/**
 * Makes the agency's subscription row say what Stripe says now. Delivery is at-least-once and
 * unordered, so the event only names what to re-read; the live subscription decides. Called
 * with the row locked (`createSubscriptionStore(tx).lock`) so deliveries converge one at a time.
 * A change is audited with the Stripe event id; a plan whose price is not configured keeps the
 * previous plan (a payment for an unknown price grants nothing).
 */
export async function convergeSubscription(
  tx: Tx,
  input: {
    agencyId: string;
    customerId: string;
    current: SubscriptionRow;
    live: LiveSubscription;
    planByPrice: ReadonlyMap<string, PlanId>;
    event: { id: string; type: string };
    now: Date;
  },
): Promise<ConvergeOutcome> {
  const { current, live } = input;
  if (live.customer !== input.customerId) return { outcome: 'skipped', reason: 'other_customer' };
  const replacing =
    current.stripe_subscription_id !== null && current.stripe_subscription_id !== live.id;
  // A late event about a subscription the agency has since replaced must not undo the new one.
  if (
    replacing &&
    (LIVE_STATUSES.includes(current.status) || !LIVE_STATUSES.includes(live.status))
  ) {
    return { outcome: 'skipped', reason: 'superseded_subscription' };
  }

  const priced = live.items.data.find((i) => input.planByPrice.has(i.price.id));
  const item = priced ?? live.items.data[0];
  const before = stateOf(current);
  const after: SubscriptionState = {
    plan: priced ? input.planByPrice.get(priced.price.id)! : current.plan,
    status: live.status,
    stripe_subscription_id: live.id,
    stripe_price_id: item?.price.id ?? null,
    current_period_start: date(live.current_period_start ?? item?.current_period_start),
    current_period_end: date(live.current_period_end ?? item?.current_period_end),
    cancel_at_period_end: live.cancel_at_period_end,
    trial_ends_at: date(live.trial_end),
    past_due_since:
      live.status !== 'past_due'
        ? null
        : current.status === 'past_due' && current.past_due_since
          ? current.past_due_since
          : input.now,
  };
  if (same(before, after)) return { outcome: 'unchanged' };

  await createSubscriptionStore(tx).update(input.agencyId, after);
  await recordAudit(tx, {
    agencyId: input.agencyId,
    actor: { type: 'stripe', id: input.event.id },
    action: 'subscription.changed',
    target: { type: 'subscription', id: current.id },
    data: {
      stripeEventId: input.event.id,
      stripeEventType: input.event.type,
      before,
      after,
      ...(priced ? {} : { unknownPrice: item?.price.id ?? null }),
    },
  });
  return { outcome: 'changed', before, after };
}
