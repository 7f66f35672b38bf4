/**
 * The billing period usage is counted in: Stripe's current period while the subscription has
 * one that contains `now`; otherwise (Starter, or a period Stripe has not renewed yet) the
 * calendar month in UTC, so free agencies get a fresh allowance on the 1st.
 */
export interface BillingPeriod {
  start: Date;
  end: Date;
  source: 'stripe' | 'calendar';
}

export function currentPeriod(
  sub: { current_period_start: Date | null; current_period_end: Date | null } | undefined,
  now: Date,
): BillingPeriod {
  const start = sub?.current_period_start;
  const end = sub?.current_period_end;
  if (start && end && start <= now && now < end) return { start, end, source: 'stripe' };
  return {
    start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
    end: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)),
    source: 'calendar',
  };
}
