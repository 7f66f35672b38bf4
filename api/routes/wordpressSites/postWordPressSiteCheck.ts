import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { inTenant } from '../../scope';
import { validate } from '../../validate';
import { NotFoundError } from '../../errors';
import { SiteIdParam } from './schemas';
import { createSiteStore, siteAuth } from '../../../lib/wordpress/siteStore';
import { liveCheck } from './liveCheck';

/**
 * POST /v1/wordpress-sites/:id/check: runs the connection check again with the stored
 * credentials ("Test connection"): 200 with the WordPress user, or 422 saying what is wrong.
 */
export const postWordPressSiteCheck =
  (deps: Pick<ApiDeps, 'secrets'>): Middleware<AppState> =>
  async (ctx) => {
    const { id } = validate(SiteIdParam, ctx.params);
    // Read in a short transaction: none is held while WordPress answers.
    const site = await inTenant(ctx, ({ tx }) => createSiteStore(tx).get(id));
    if (!site) throw new NotFoundError('WordPress site');
    const user = await liveCheck(siteAuth(site, deps.secrets), site.mapping_profile);
    ctx.body = { ok: true, wordpressUser: user };
  };
