import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { inTenant } from '../../scope';
import { validate } from '../../validate';
import { AppError, ConflictError } from '../../errors';
import { WordPressSiteBody } from './schemas';
import { createWordPressClient, normalizeBaseUrl } from '../../../lib/wordpress/client';
import {
  checkConnection,
  ConnectionProblem,
  type ConnectedUser,
} from '../../../lib/wordpress/connection';
import { createSiteStore, publicSite } from '../../../lib/wordpress/siteStore';
import { checkFeature, checkLimit } from '../../../lib/billing/entitlements';
import { PlanLimitError } from '../../planLimitError';
import { ensureWithinPlan } from '../../middleware/withinPlan';
import { inTenantSlot } from '../../tenantSlot';
import { TenantConcurrency } from '../../../lib/limits/tenantConcurrency';

/** How long the connection check may take before the operator gets "unreachable". */
const CHECK_TIMEOUT_MS = 15_000;
/** Connection checks one agency may have waiting on remote sites at once, per process. */
const CHECKS_PER_AGENCY = 2;

/**
 * POST /v1/wordpress-sites: connects a WordPress site. The connection is checked first (REST
 * API, application password, capabilities, plugin for `property`); a site that cannot work is
 * refused with 422 and a code per reason. The application password is stored sealed and
 * never returned.
 *
 * The check waits on someone else's server for up to 15 s, so it runs outside any transaction
 * and outside the agency's plan lock, and an agency has at most two checks in flight (more are
 * 429 `concurrency_limit`): a silent site costs a socket, never a pooled connection or another
 * request's turn at the lock. The plan and the duplicate check are taken before (to fail fast)
 * and again, under the lock, in the short transaction that stores the site.
 */
export const postWordPressSite = (deps: Pick<ApiDeps, 'secrets'>): Middleware<AppState> => {
  const checks = new TenantConcurrency('WordPress connection checks', CHECKS_PER_AGENCY);
  return async (ctx) => {
    const body = validate(WordPressSiteBody, ctx.request.body);
    const baseUrl = normalizeBaseUrl(body.baseUrl);
    const refuseDuplicate = async (sites: ReturnType<typeof createSiteStore>) => {
      if ((await sites.list()).some((s) => s.base_url === baseUrl))
        throw new ConflictError('wordpress_site_exists', `${baseUrl} is already connected`);
    };
    const agencyId = await inTenant(ctx, async ({ tx, principal }) => {
      if (body.mappingProfile === 'property') {
        const allowed = await checkFeature(tx, principal.agencyId, 'property_mapping');
        if (!allowed.ok) throw new PlanLimitError(allowed);
      }
      const room = await checkLimit(tx, principal.agencyId, 'wordpress_sites');
      if (!room.ok) throw new PlanLimitError(room);
      await refuseDuplicate(createSiteStore(tx));
      return principal.agencyId;
    });

    const client = createWordPressClient(
      { baseUrl, username: body.username, applicationPassword: body.applicationPassword },
      { timeoutMs: CHECK_TIMEOUT_MS },
    );
    const user: ConnectedUser = await inTenantSlot(checks, agencyId, async () => {
      try {
        return await checkConnection(client, body.mappingProfile);
      } catch (err) {
        if (err instanceof ConnectionProblem)
          throw new AppError(422, err.code, err.message, err.details);
        throw err;
      }
    });

    const row = await inTenant(ctx, async ({ tx, principal, audit }) => {
      await ensureWithinPlan(tx, principal.agencyId, 'wordpress_sites');
      const sites = createSiteStore(tx);
      await refuseDuplicate(sites);
      const site = await sites.insert({
        agencyId: principal.agencyId,
        name: body.name ?? new URL(baseUrl).host,
        baseUrl,
        username: body.username,
        sealedPassword: deps.secrets.seal(body.applicationPassword),
        mappingProfile: body.mappingProfile,
      });
      await audit({
        action: 'wordpress_site.connected',
        target: { type: 'wordpress_site', id: site.id },
        data: { baseUrl, username: body.username, mappingProfile: body.mappingProfile },
      });
      return site;
    });
    ctx.status = 201;
    ctx.body = { ...publicSite(row), wordpressUser: user };
  };
};
