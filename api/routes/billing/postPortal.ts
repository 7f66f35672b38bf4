import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { inTenant } from '../../scope';
import { ConflictError } from '../../errors';
import { callStripe, requireStripe } from './stripeAccess';
import { createAgencyStore } from '../../../lib/accounts/agencyStore';

/**
 * POST /v1/billing/portal (owner): a Stripe Customer Portal session, where the owner changes
 * plan, card or cancels. Those changes come back as webhooks.
 */
export function postPortal(deps: ApiDeps): Middleware<AppState> {
  return async (ctx) => {
    const stripe = requireStripe(deps);
    // Read in a short transaction: none is held while Stripe answers.
    const agency = await inTenant(ctx, ({ tx, principal }) =>
      createAgencyStore(tx).get(principal.agencyId),
    );
    const customer = agency?.stripe_customer_id;
    if (!customer) {
      throw new ConflictError(
        'no_billing_account',
        'The agency has no billing account yet; start with a checkout',
      );
    }
    const session = await callStripe(() =>
      stripe.billingPortal.sessions.create({
        customer,
        return_url: `${deps.config.PUBLIC_URL}/app/#/billing`,
      }),
    );
    await inTenant(ctx, ({ audit, principal }) =>
      audit({
        action: 'billing.portal_opened',
        target: { type: 'agency', id: principal.agencyId },
        data: { stripeCustomerId: customer },
      }),
    );
    ctx.body = { url: session.url };
  };
}
