import type { Middleware } from 'koa';
import type { z } from 'zod';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { inTenant } from '../../scope';
import { validate } from '../../validate';
import { NotFoundError } from '../../errors';
import { SiteIdParam, WordPressSiteBody } from './schemas';
import { publicSite, type WordPressSiteRow } from '../../../lib/wordpress/siteStore';
import { TABLES } from '../../../lib/db';
import { liveCheck } from './liveCheck';

export const SitePatchBody = WordPressSiteBody.pick({
  name: true,
  username: true,
  applicationPassword: true,
})
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'Nothing to change', path: [] });
export type SitePatch = z.infer<typeof SitePatchBody>;

/**
 * PATCH /v1/wordpress-sites/:id: new credentials (a replaced application password, another
 * user) or a new name. New credentials are checked live first and refused with the check's
 * 422; the site keeps its publications, so "Retry publishing" updates the same posts.
 */
export const patchWordPressSite =
  (deps: Pick<ApiDeps, 'secrets'>): Middleware<AppState> =>
  async (ctx) => {
    const { id } = validate(SiteIdParam, ctx.params);
    const body = validate(SitePatchBody, ctx.request.body);
    // Short transactions on either side of the live check: none is held while WordPress answers.
    const site = await inTenant(ctx, ({ tx }) =>
      tx<WordPressSiteRow>(TABLES.wordpressSites).where({ id }).first(),
    );
    if (!site) throw new NotFoundError('WordPress site');
    const username = body.username ?? site.username;
    const credentialsChanged =
      body.username !== undefined || body.applicationPassword !== undefined;
    const update: Partial<WordPressSiteRow> = { updated_at: new Date() };
    if (body.name) update.name = body.name;
    if (credentialsChanged) {
      const applicationPassword =
        body.applicationPassword ?? deps.secrets.open(site.app_password_encrypted);
      await liveCheck(
        { baseUrl: site.base_url, username, applicationPassword },
        site.mapping_profile,
      );
      Object.assign(update, {
        username,
        app_password_encrypted: deps.secrets.seal(applicationPassword),
        status: 'connected',
      });
    }
    const row = await inTenant(ctx, async ({ tx, audit }) => {
      const [updated] = await tx<WordPressSiteRow>(TABLES.wordpressSites)
        .where({ id })
        .update(update)
        .returning('*');
      if (!updated) throw new NotFoundError('WordPress site');
      await audit({
        action: 'wordpress_site.updated',
        target: { type: 'wordpress_site', id },
        data: {
          fields: Object.keys(body).filter((k) => k !== 'applicationPassword'),
          credentialsChanged,
        },
      });
      return updated;
    });
    ctx.body = publicSite(row);
  };
