import Stripe from 'stripe';

export interface StripeClientConfig {
  STRIPE_SECRET_KEY?: string | undefined;
  STRIPE_API_BASE?: string | undefined;
}

/**
 * The Stripe client, or undefined when billing is not configured (the billing routes then
 * answer 503). `maxNetworkRetries: 0`: Stripe re-delivers webhooks and people retry checkout,
 * so a hidden retry loop would only add latency. `STRIPE_API_BASE` points it at stripe-mock.
 */
export function createStripeClient(config: StripeClientConfig): Stripe | undefined {
  if (!config.STRIPE_SECRET_KEY) return undefined;
  const base = config.STRIPE_API_BASE ? new URL(config.STRIPE_API_BASE) : undefined;
  return new Stripe(config.STRIPE_SECRET_KEY, {
    maxNetworkRetries: 0,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: 'realty-assistant' },
    ...(base
      ? {
          host: base.hostname,
          port: base.port || (base.protocol === 'http:' ? 80 : 443),
          protocol: base.protocol === 'http:' ? 'http' : 'https',
        }
      : {}),
  });
}
