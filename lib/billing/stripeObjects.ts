import { z } from 'zod';

/**
 * The few fields of Stripe objects billing reads, parsed by shape rather than trusted from the
 * SDK's types: events arrive in the API version of the webhook endpoint (older payloads keep
 * `current_period_*` on the subscription, newer ones on its items), and stripe-mock answers with
 * fixture objects.
 */

/** Stripe sends a related object as its id, or as the object when expanded. */
const Ref = z
  .union([z.string(), z.object({ id: z.string() }).loose()])
  .transform((v) => (typeof v === 'string' ? v : v.id));

export const HANDLED_EVENTS = [
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'invoice.paid',
  'invoice.payment_failed',
] as const;
export type HandledEvent = (typeof HANDLED_EVENTS)[number];
export const isHandled = (type: string): type is HandledEvent =>
  (HANDLED_EVENTS as readonly string[]).includes(type);

const EventObject = z
  .object({
    object: z.string(),
    id: z.string().optional(),
    customer: Ref.nullish(),
    subscription: Ref.nullish(),
    // Invoices since API version 2025-03-31 name their subscription here.
    parent: z
      .object({
        subscription_details: z.object({ subscription: Ref.nullish() }).loose().nullish(),
      })
      .loose()
      .nullish(),
  })
  .loose();

/** Which customer an event is about, and which subscription to re-read (if any). */
export function eventSubject(object: unknown): {
  customerId: string | null;
  subscriptionId: string | null;
} {
  const parsed = EventObject.safeParse(object);
  if (!parsed.success) return { customerId: null, subscriptionId: null };
  const o = parsed.data;
  const subscriptionId =
    o.object === 'subscription'
      ? (o.id ?? null)
      : (o.subscription ?? o.parent?.subscription_details?.subscription ?? null);
  return { customerId: o.customer ?? null, subscriptionId };
}

const seconds = z.number().int().nullish();

export const LiveSubscription = z
  .object({
    id: z.string(),
    status: z.string(),
    customer: Ref,
    cancel_at_period_end: z.boolean().default(false),
    current_period_start: seconds,
    current_period_end: seconds,
    trial_end: seconds,
    items: z.object({
      data: z.array(
        z
          .object({
            price: z.object({ id: z.string() }).loose(),
            current_period_start: seconds,
            current_period_end: seconds,
          })
          .loose(),
      ),
    }),
  })
  .loose();
export type LiveSubscription = z.infer<typeof LiveSubscription>;

/** Statuses in which a subscription still bills the agency (or is about to). */
export const LIVE_STATUSES = ['active', 'trialing', 'past_due', 'unpaid', 'paused', 'incomplete'];
