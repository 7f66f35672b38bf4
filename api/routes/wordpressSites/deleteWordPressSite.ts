import type { Middleware } from 'koa';
import type { AppState } from '../../state';
import { inTenant } from '../../scope';
import { validate } from '../../validate';
import { NotFoundError } from '../../errors';
import { SiteIdParam } from './schemas';
import { createSiteStore } from '../../../lib/wordpress/siteStore';

/**
 * DELETE /v1/wordpress-sites/:id: forgets the site and its publications (posts already on
 * WordPress stay there; the application password can be revoked in WordPress).
 */
export const deleteWordPressSite: Middleware<AppState> = async (ctx) => {
  const { id } = validate(SiteIdParam, ctx.params);
  await inTenant(ctx, async ({ tx, audit }) => {
    const sites = createSiteStore(tx);
    const site = await sites.get(id);
    if (!site || !(await sites.remove(id))) throw new NotFoundError('WordPress site');
    await audit({
      action: 'wordpress_site.removed',
      target: { type: 'wordpress_site', id },
      data: { baseUrl: site.base_url },
    });
  });
  ctx.status = 204;
};
