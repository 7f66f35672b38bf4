import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { BadRequestError, ServiceUnavailableError } from '../../errors';
import { readRawBody } from '../../middleware/jsonBody';
import { callStripe } from '../billing/stripeAccess';
import { processStripeEvent, type StripeEvent } from '../../../lib/billing/stripeWebhook';
import { planByPrice } from '../../../lib/billing/prices';

// Stripe's events are small JSON documents.
const WEBHOOK_BODY_LIMIT = '1mb';

/**
 * POST /webhooks/stripe. The signature is checked over the exact bytes with Stripe's library
 * (default 300 s tolerance against replays); anything that fails is 400 `invalid_signature`.
 * The answer is 2xx only once the event and its effect are committed; if Stripe or the
 * database fails we answer 5xx and Stripe delivers again (the event id makes that safe).
 */
export function postStripeWebhook(deps: ApiDeps): Middleware<AppState> {
  const prices = planByPrice(deps.config);
  return async (ctx) => {
    const secret = deps.config.STRIPE_WEBHOOK_SECRET;
    if (!deps.stripe || !secret) {
      throw new ServiceUnavailableError(
        'billing_not_configured',
        'STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set',
      );
    }
    const raw = await readRawBody(ctx, WEBHOOK_BODY_LIMIT);
    let event: StripeEvent;
    try {
      event = deps.stripe.webhooks.constructEvent(raw, ctx.get('Stripe-Signature'), secret);
    } catch (err) {
      if (err instanceof SyntaxError)
        throw new BadRequestError('malformed_json', 'The request body is not valid JSON');
      throw new BadRequestError('invalid_signature', 'Stripe-Signature does not match the body');
    }
    const stripe = deps.stripe;
    const outcome = await callStripe(() =>
      processStripeEvent({ db: deps.db, stripe, planByPrice: prices, log: ctx.state.log }, event),
    );
    ctx.state.log.info({ stripeEventId: event.id, type: event.type, ...outcome }, 'stripe event');
    ctx.body = { received: true, ...outcome };
  };
}
