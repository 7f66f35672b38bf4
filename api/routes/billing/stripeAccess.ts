import type Stripe from 'stripe';
import type { ApiDeps } from '../../deps';
import { AppError, ServiceUnavailableError } from '../../errors';

/** The Stripe client, or 503 when billing is not configured on this deployment. */
export function requireStripe(deps: Pick<ApiDeps, 'stripe'>): Stripe {
  if (!deps.stripe)
    throw new ServiceUnavailableError('billing_not_configured', 'STRIPE_SECRET_KEY is not set');
  return deps.stripe;
}

/**
 * Runs a Stripe call; Stripe's failures become one 502 (its answer was an error) or 503 (it
 * could not be reached) instead of an unexplained 500. The Stripe request id is kept for support.
 */
export async function callStripe<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    const e = err as { type?: unknown; statusCode?: number; requestId?: string; message?: string };
    if (typeof e.type !== 'string' || !e.type.startsWith('Stripe')) throw err;
    if (e.type === 'StripeConnectionError' || (e.statusCode ?? 0) >= 500) {
      throw new ServiceUnavailableError(
        'stripe_unavailable',
        'Stripe could not be reached; try again',
      );
    }
    throw new AppError(502, 'stripe_error', e.message ?? 'Stripe refused the request', {
      stripeRequestId: e.requestId,
    });
  }
}
