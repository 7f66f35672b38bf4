import type { Middleware } from 'koa';
import type { AppState } from '../../state';
import { inTenant } from '../../scope';
import { createUserStore, publicUser } from '../../../lib/accounts/userStore';
import { createAgencyStore } from '../../../lib/accounts/agencyStore';

/** GET /v1/me: who is calling, for which agency. */
export const getMe: Middleware<AppState> = async (ctx) => {
  const { agency, user, principal } = await inTenant(ctx, async ({ tx, principal }) => ({
    principal,
    agency: (await createAgencyStore(tx).get(principal.agencyId))!,
    user: principal.userId ? await createUserStore(tx).get(principal.userId) : undefined,
  }));
  ctx.body = {
    agency: {
      id: agency.id,
      name: agency.name,
      slug: agency.slug,
      defaultLanguage: agency.default_language,
    },
    user: user ? publicUser(user) : null,
    role: principal.role,
    actor: principal.actor,
  };
};
