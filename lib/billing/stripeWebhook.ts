import type Stripe from 'stripe';
import { TABLES, routeStripeCustomer, withTenant, type Db, type Queryable } from '../db';
import type { Logger } from '../log';
import { convergeSubscription, type ConvergeOutcome } from './converge';
import type { PlanId } from './plans';
import { LiveSubscription, eventSubject, isHandled } from './stripeObjects';
import { createSubscriptionStore } from './subscriptionStore';

export interface StripeWebhookDeps {
  db: Db;
  stripe: Stripe;
  planByPrice: ReadonlyMap<string, PlanId>;
  log: Logger;
  now?: () => Date;
}

/** The verified event; only these fields are read. */
export interface StripeEvent {
  id: string;
  type: string;
  data: { object: unknown };
}

export type WebhookOutcome =
  | { result: 'ignored' }
  | { result: 'duplicate' }
  | { result: 'unrouted' }
  | {
      result: 'processed';
      agencyId: string;
      subscription: ConvergeOutcome['outcome'] | 'none' | 'missing';
    };

const PROVIDER = 'stripe';

async function recordEvent(
  db: Queryable,
  event: StripeEvent,
  agencyId: string | null,
): Promise<boolean> {
  const rows: unknown[] = await db(TABLES.webhookEvents)
    .insert({
      provider: PROVIDER,
      event_id: event.id,
      type: event.type,
      agency_id: agencyId,
      payload: JSON.stringify(event),
      processed_at: db.fn.now(),
    })
    .onConflict(['provider', 'event_id'])
    .ignore()
    .returning('id');
  return rows.length > 0;
}

/** The live subscription, or undefined when Stripe no longer has it (404). */
async function retrieveLive(stripe: Stripe, id: string): Promise<LiveSubscription | undefined> {
  try {
    return LiveSubscription.parse(await stripe.subscriptions.retrieve(id));
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return undefined;
    throw err;
  }
}

/**
 * Handles one verified Stripe event. Allow-listed types only; a known event id is a no-op; the
 * agency comes from the customer id; the live subscription is re-read from Stripe and the row
 * converged to it. The event row, the subscription change and its audit commit in one
 * transaction, so a failure anywhere leaves nothing recorded and the caller answers 5xx
 * (Stripe delivers again). Events about a customer no agency has are recorded and dropped.
 */
export async function processStripeEvent(
  deps: StripeWebhookDeps,
  event: StripeEvent,
): Promise<WebhookOutcome> {
  if (!isHandled(event.type)) return { result: 'ignored' };
  const seen = await deps
    .db(TABLES.webhookEvents)
    .where({ provider: PROVIDER, event_id: event.id })
    .first<{ id: string } | undefined>('id');
  if (seen) return { result: 'duplicate' };

  const { customerId, subscriptionId } = eventSubject(event.data.object);
  const agencyId = customerId ? await routeStripeCustomer(deps.db, customerId) : undefined;
  if (!customerId || !agencyId) {
    const fresh = await recordEvent(deps.db, event, null);
    deps.log.warn({ eventId: event.id, customerId }, 'stripe event for no known agency');
    return fresh ? { result: 'unrouted' } : { result: 'duplicate' };
  }

  return withTenant(deps.db, agencyId, async (tx): Promise<WebhookOutcome> => {
    // A concurrent delivery of the same event waits here on the unique index, then finds it.
    if (!(await recordEvent(tx, event, agencyId))) return { result: 'duplicate' };
    const store = createSubscriptionStore(tx);
    await store.ensure(agencyId);
    const current = (await store.lock(agencyId))!;
    if (!subscriptionId) return { result: 'processed', agencyId, subscription: 'none' };
    // Read while holding the row lock: a slower delivery that read earlier cannot commit an
    // older state over a newer one.
    const live = await retrieveLive(deps.stripe, subscriptionId);
    if (!live) {
      deps.log.warn({ eventId: event.id, subscriptionId }, 'stripe subscription not found');
      return { result: 'processed', agencyId, subscription: 'missing' };
    }
    const converged = await convergeSubscription(tx, {
      agencyId,
      customerId,
      current,
      live,
      planByPrice: deps.planByPrice,
      event,
      now: deps.now?.() ?? new Date(),
    });
    return { result: 'processed', agencyId, subscription: converged.outcome };
  });
}
