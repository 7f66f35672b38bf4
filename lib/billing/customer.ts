import type Stripe from 'stripe';
import { TABLES, withTenant, type Db } from '../db';
import { recordAudit, type Actor } from '../audit/auditLog';

/**
 * The agency's Stripe customer, created on first need. The id is committed in its own
 * transaction before anything else happens, so a Checkout that fails afterwards cannot lose it
 * (and create a second customer next time); Stripe's idempotency key makes concurrent first
 * checkouts of one agency get the same customer.
 */
export async function ensureStripeCustomer(
  deps: { db: Db; stripe: Stripe },
  input: { agencyId: string; email: string | null; actor: Actor; requestId?: string },
): Promise<string> {
  const agency = await withTenant(deps.db, input.agencyId, (tx) =>
    tx(TABLES.agencies)
      .where({ id: input.agencyId })
      .first<{ name: string; stripe_customer_id: string | null }>('name', 'stripe_customer_id'),
  );
  if (!agency) throw new Error(`agency ${input.agencyId} not found`);
  if (agency.stripe_customer_id) return agency.stripe_customer_id;

  const customer = await deps.stripe.customers.create(
    {
      name: agency.name,
      ...(input.email ? { email: input.email } : {}),
      metadata: { agency_id: input.agencyId },
    },
    { idempotencyKey: `agency-customer-${input.agencyId}` },
  );
  return withTenant(deps.db, input.agencyId, async (tx) => {
    const [stored] = await tx(TABLES.agencies)
      .where({ id: input.agencyId })
      .whereNull('stripe_customer_id')
      .update({ stripe_customer_id: customer.id, updated_at: tx.fn.now() })
      .returning<Array<{ stripe_customer_id: string }>>('stripe_customer_id');
    if (!stored) {
      // Another request stored one first; use that one.
      const row = await tx(TABLES.agencies)
        .where({ id: input.agencyId })
        .first<{ stripe_customer_id: string }>('stripe_customer_id');
      return row.stripe_customer_id;
    }
    await tx(TABLES.subscriptions)
      .where({ agency_id: input.agencyId })
      .update({ stripe_customer_id: customer.id, updated_at: tx.fn.now() });
    await recordAudit(tx, {
      agencyId: input.agencyId,
      actor: input.actor,
      action: 'billing.customer_created',
      target: { type: 'agency', id: input.agencyId },
      data: { stripeCustomerId: customer.id },
      requestId: input.requestId,
    });
    return customer.id;
  });
}
