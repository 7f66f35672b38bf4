import type { Middleware } from 'koa';
import type { AppState } from '../state';
import { scope } from '../scope';
import { PlanLimitError } from '../planLimitError';
import { checkLimit, lockQuota } from '../../lib/billing/entitlements';
import type { CountedLimit } from '../../lib/billing/usage';

/**
 * Refuses the request with 402 `plan_limit` when adding one more of `limit` would exceed the
 * agency's plan. Runs in the request's tenant transaction, after `authenticated`, so the
 * handler that follows writes in the same transaction the count was taken in.
 */
export function withinPlan(limit: CountedLimit): Middleware<AppState> {
  return async (ctx, next) => {
    const { tx, principal } = scope(ctx);
    await lockQuota(tx, principal.agencyId);
    const check = await checkLimit(tx, principal.agencyId, limit);
    if (!check.ok) throw new PlanLimitError(check);
    await next();
  };
}
