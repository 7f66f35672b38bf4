import type { Queryable } from '../db';
import { TABLES } from '../db';

export interface SubscriptionRow {
  id: string;
  agency_id: string;
  plan: string;
  status: string;
  stripe_customer_id: string | null;
  stripe_subscription_id: string | null;
  stripe_price_id: string | null;
  current_period_start: Date | null;
  current_period_end: Date | null;
  cancel_at_period_end: boolean;
  trial_ends_at: Date | null;
  past_due_since: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** The fields Stripe decides; everything the webhook converges. */
export interface SubscriptionState {
  plan: string;
  status: string;
  stripe_subscription_id: string | null;
  stripe_price_id: string | null;
  current_period_start: Date | null;
  current_period_end: Date | null;
  cancel_at_period_end: boolean;
  trial_ends_at: Date | null;
  past_due_since: Date | null;
}

/** One subscription row per agency (sign-up inserts a Starter one). */
export function createSubscriptionStore(db: Queryable) {
  const subs = () => db<SubscriptionRow>(TABLES.subscriptions);
  return {
    get: (agencyId: string): Promise<SubscriptionRow | undefined> =>
      subs().where({ agency_id: agencyId }).first(),
    /** Locks the row for the rest of the transaction, so webhook deliveries converge one at a time. */
    lock: (agencyId: string): Promise<SubscriptionRow | undefined> =>
      subs().where({ agency_id: agencyId }).forUpdate().first(),
    /** Inserts the Starter row when an agency predates sign-up's insert (seeded data). */
    async ensure(agencyId: string): Promise<void> {
      await subs()
        .insert({ agency_id: agencyId, plan: 'starter', status: 'active' })
        .onConflict('agency_id')
        .ignore();
    },
    async update(
      agencyId: string,
      state: Partial<SubscriptionState & { stripe_customer_id: string }>,
    ) {
      await subs()
        .where({ agency_id: agencyId })
        .update({ ...state, updated_at: db.fn.now() as unknown as Date });
    },
  };
}
