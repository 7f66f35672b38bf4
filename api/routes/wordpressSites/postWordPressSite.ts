import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { scope } from '../../scope';
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
import { checkFeature } from '../../../lib/billing/entitlements';
import { PlanLimitError } from '../../planLimitError';

/** How long the connection check may take before the operator gets "unreachable". */
const CHECK_TIMEOUT_MS = 15_000;

/**
 * POST /v1/wordpress-sites: connects a WordPress site. The connection is checked first (REST
 * API, application password, capabilities, plugin for `property`); a site that cannot work is
 * refused with 422 and a code per reason. The application password is stored sealed and
 * never returned.
 */
export const postWordPressSite =
  (deps: Pick<ApiDeps, 'secrets'>): Middleware<AppState> =>
  async (ctx) => {
    const { tx, principal, audit } = scope(ctx);
    const body = validate(WordPressSiteBody, ctx.request.body);
    const baseUrl = normalizeBaseUrl(body.baseUrl);
    if (body.mappingProfile === 'property') {
      const allowed = await checkFeature(tx, principal.agencyId, 'property_mapping');
      if (!allowed.ok) throw new PlanLimitError(allowed);
    }
    const sites = createSiteStore(tx);
    if ((await sites.list()).some((s) => s.base_url === baseUrl))
      throw new ConflictError('wordpress_site_exists', `${baseUrl} is already connected`);

    const client = createWordPressClient(
      { baseUrl, username: body.username, applicationPassword: body.applicationPassword },
      { timeoutMs: CHECK_TIMEOUT_MS },
    );
    let user: ConnectedUser;
    try {
      user = await checkConnection(client, body.mappingProfile);
    } catch (err) {
      if (err instanceof ConnectionProblem)
        throw new AppError(422, err.code, err.message, err.details);
      throw err;
    }

    const row = await sites.insert({
      agencyId: principal.agencyId,
      name: body.name ?? new URL(baseUrl).host,
      baseUrl,
      username: body.username,
      sealedPassword: deps.secrets.seal(body.applicationPassword),
      mappingProfile: body.mappingProfile,
    });
    await audit({
      action: 'wordpress_site.connected',
      target: { type: 'wordpress_site', id: row.id },
      data: { baseUrl, username: body.username, mappingProfile: body.mappingProfile },
    });
    ctx.status = 201;
    ctx.body = { ...publicSite(row), wordpressUser: user };
  };
