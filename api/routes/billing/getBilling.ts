import type { Middleware } from 'koa';
import type { AppState } from '../../state';
import { scope } from '../../scope';
import { billingSummary } from '../../../lib/billing/summary';

/** GET /v1/billing: the plan in force, the subscription behind it, limits and this period's usage. */
export const getBilling: Middleware<AppState> = async (ctx) => {
  const { tx, principal } = scope(ctx);
  ctx.body = await billingSummary(tx, principal.agencyId);
};
