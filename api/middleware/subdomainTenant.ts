import type { Middleware } from 'koa';
import { routeAgencySlug, type Db } from '../../lib/db';
import { NotFoundError } from '../errors';
import type { AppState } from '../state';

/**
 * With BASE_DOMAIN set, `acme.BASE_DOMAIN` names agency "acme": its login page and API only
 * accept that agency's credentials. Requests to the apex domain are not tenant-bound.
 */
export function subdomainTenant(db: Db, baseDomain: string | undefined): Middleware<AppState> {
  const suffix = baseDomain ? `.${baseDomain.toLowerCase()}` : undefined;
  return async (ctx, next) => {
    const host = ctx.hostname.toLowerCase();
    if (suffix && host.endsWith(suffix)) {
      const slug = host.slice(0, -suffix.length);
      if (slug && slug !== 'www' && slug !== 'app') {
        const agencyId = await routeAgencySlug(db, slug);
        if (!agencyId) throw new NotFoundError('Agency');
        ctx.state.hostAgencyId = agencyId;
      }
    }
    await next();
  };
}
