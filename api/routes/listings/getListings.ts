import type { Middleware } from 'koa';
import type { AppState } from '../../state';
import { scope } from '../../scope';
import { validate } from '../../validate';
import { ListingQuery } from './schemas';
import { agentFilter } from './access';
import { listingSummary } from './present';
import { createListingStore } from '../../../lib/listings/store';

/** GET /v1/listings?status=&agent=&q=&limit=&offset=: newest first, with counts by status. */
export const getListings: Middleware<AppState> = async (ctx) => {
  const s = scope(ctx);
  const query = validate(ListingQuery, ctx.query);
  const store = createListingStore(s.tx);
  const ownOnly = agentFilter(s);
  const agentUserId = ownOnly ?? query.agent;
  const [{ rows, total }, counts] = await Promise.all([
    store.list({
      limit: query.limit,
      offset: query.offset,
      ...(query.status ? { status: query.status } : {}),
      ...(agentUserId ? { agentUserId } : {}),
      ...(query.q ? { text: query.q } : {}),
    }),
    store.countsByStatus(ownOnly),
  ]);
  ctx.body = {
    data: rows.map(listingSummary),
    total,
    limit: query.limit,
    offset: query.offset,
    counts,
  };
};
