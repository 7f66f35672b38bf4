import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { scope } from '../../scope';
import { validate } from '../../validate';
import { IdParam } from '../users/schemas';
import { visibleListing } from './access';
import { listingDetail } from './present';

/** GET /v1/listings/:id */
export function getListing(deps: ApiDeps): Middleware<AppState> {
  return async (ctx) => {
    const s = scope(ctx);
    const { id } = validate(IdParam, ctx.params);
    ctx.body = await listingDetail(deps, s.tx, await visibleListing(s, id));
  };
}
