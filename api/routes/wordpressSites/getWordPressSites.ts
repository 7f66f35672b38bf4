import type { Middleware } from 'koa';
import type { AppState } from '../../state';
import { scope } from '../../scope';
import { createSiteStore, publicSite } from '../../../lib/wordpress/siteStore';

/** GET /v1/wordpress-sites: the agency's sites; never their application passwords. */
export const getWordPressSites: Middleware<AppState> = async (ctx) => {
  const { tx } = scope(ctx);
  ctx.body = { data: (await createSiteStore(tx).list()).map(publicSite) };
};
