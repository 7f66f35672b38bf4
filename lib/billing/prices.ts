import type { PlanId } from './plans';

export interface PriceConfig {
  STRIPE_PRICE_PRO?: string | undefined;
  STRIPE_PRICE_BUSINESS?: string | undefined;
  STRIPE_PRICE_ENTERPRISE?: string | undefined;
}

/** Stripe price id -> plan. The configured price ids are the only way a payment grants a plan. */
export function planByPrice(config: PriceConfig): ReadonlyMap<string, PlanId> {
  const entries: Array<[string | undefined, PlanId]> = [
    [config.STRIPE_PRICE_PRO, 'pro'],
    [config.STRIPE_PRICE_BUSINESS, 'business'],
    [config.STRIPE_PRICE_ENTERPRISE, 'enterprise'],
  ];
  return new Map(entries.filter((e): e is [string, PlanId] => Boolean(e[0])));
}

/** The price Checkout sells for a self-serve plan, if configured. */
export function priceForPlan(config: PriceConfig, plan: 'pro' | 'business'): string | undefined {
  return plan === 'pro' ? config.STRIPE_PRICE_PRO : config.STRIPE_PRICE_BUSINESS;
}
