import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { inTenant } from '../../scope';
import { validate } from '../../validate';
import { ConflictError, ServiceUnavailableError } from '../../errors';
import { CheckoutBody } from './schemas';
import { callStripe, requireStripe } from './stripeAccess';
import { ensureStripeCustomer } from '../../../lib/billing/customer';
import { priceForPlan } from '../../../lib/billing/prices';
import { createSubscriptionStore } from '../../../lib/billing/subscriptionStore';
import { LIVE_STATUSES } from '../../../lib/billing/stripeObjects';
import { createUserStore } from '../../../lib/accounts/userStore';

/**
 * POST /v1/billing/checkout (owner): a Stripe Checkout Session for a self-serve plan. The
 * customer is created (and stored on the agency) first; the plan itself changes only when
 * Stripe's webhook says the subscription is paid. An agency that already pays changes plans
 * in the Customer Portal instead, so it never ends up with two subscriptions.
 */
export function postCheckout(deps: ApiDeps): Middleware<AppState> {
  return async (ctx) => {
    const stripe = requireStripe(deps);
    const body = validate(CheckoutBody, ctx.request.body);
    const price = priceForPlan(deps.config, body.plan);
    if (!price) {
      throw new ServiceUnavailableError(
        'billing_not_configured',
        `STRIPE_PRICE_${body.plan.toUpperCase()} is not set`,
      );
    }
    // Read in a short transaction: none is held while Stripe answers.
    const { principal, user } = await inTenant(ctx, async ({ tx, principal }) => {
      const sub = await createSubscriptionStore(tx).get(principal.agencyId);
      if (sub?.stripe_subscription_id && LIVE_STATUSES.includes(sub.status)) {
        throw new ConflictError(
          'subscription_exists',
          'The agency already has a subscription; change plans in the billing portal',
        );
      }
      return {
        principal,
        user: principal.userId ? await createUserStore(tx).get(principal.userId) : undefined,
      };
    });
    const customer = await callStripe(() =>
      ensureStripeCustomer(
        { db: deps.db, stripe },
        {
          agencyId: principal.agencyId,
          email: user?.email ?? null,
          actor: principal.actor,
          requestId: ctx.state.requestId,
        },
      ),
    );
    const base = deps.config.PUBLIC_URL;
    const session = await callStripe(() =>
      stripe.checkout.sessions.create({
        mode: 'subscription',
        customer,
        line_items: [{ price, quantity: 1 }],
        client_reference_id: principal.agencyId,
        metadata: { agency_id: principal.agencyId, plan: body.plan },
        subscription_data: { metadata: { agency_id: principal.agencyId } },
        success_url: `${base}/app/#/billing?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${base}/app/#/billing?checkout=canceled`,
      }),
    );
    await inTenant(ctx, ({ audit }) =>
      audit({
        action: 'billing.checkout_started',
        target: { type: 'agency', id: principal.agencyId },
        data: { plan: body.plan, stripeCustomerId: customer, checkoutSessionId: session.id },
      }),
    );
    ctx.body = { id: session.id, url: session.url, customerId: customer };
  };
}
