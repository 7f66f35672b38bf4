import type { Middleware } from 'koa';
import type { AppState } from '../state';
import { scope } from '../scope';
import type { Tx } from '../../lib/db';
import { PlanLimitError } from '../planLimitError';
import { checkLimit, lockQuota } from '../../lib/billing/entitlements';
import type { CountedLimit } from '../../lib/billing/usage';

/**
 * Refuses with 402 `plan_limit` when adding one more of `limit` would exceed the agency's plan.
 * Call it in the transaction that writes the new row, just before the write: the agency's
 * quota lock is then held only for that short transaction, and two concurrent requests cannot
 * both take the last slot.
 */
export async function ensureWithinPlan(
  tx: Tx,
  agencyId: string,
  limit: CountedLimit,
): Promise<void> {
  await lockQuota(tx, agencyId);
  const check = await checkLimit(tx, agencyId, limit);
  if (!check.ok) throw new PlanLimitError(check);
}

/**
 * The same check as middleware, for routes still behind `authenticated` (one request-wide
 * transaction): the quota lock is then held until the answer is written, so mount it only
 * where the handler does nothing slow.
 */
export function withinPlan(limit: CountedLimit): Middleware<AppState> {
  return async (ctx, next) => {
    const { tx, principal } = scope(ctx);
    await ensureWithinPlan(tx, principal.agencyId, limit);
    await next();
  };
}
