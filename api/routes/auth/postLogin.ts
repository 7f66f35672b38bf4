import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { validate } from '../../validate';
import { LoginBody } from './schemas';
import { routeLogin, withTenant } from '../../../lib/db';
import { UnauthorizedError } from '../../errors';
import { verifyDecoy, verifyPassword } from '../../../lib/auth/passwords';
import { createUserStore, publicUser } from '../../../lib/accounts/userStore';
import { createSessions } from '../../../lib/accounts/sessions';
import { recordAudit } from '../../../lib/audit/auditLog';

const INVALID = () => new UnauthorizedError('invalid_credentials', 'E-mail or password is wrong');

/** POST /v1/auth/login: e-mail + password -> access token and refresh token. */
export function postLogin(deps: ApiDeps): Middleware<AppState> {
  return async (ctx) => {
    const body = validate(LoginBody, ctx.request.body);
    const route = await routeLogin(deps.db, body.email);
    const bound = ctx.state.hostAgencyId;
    if (!route?.password_hash || (bound && route.agency_id !== bound)) {
      await verifyDecoy(body.password);
      throw INVALID();
    }
    if (!(await verifyPassword(route.password_hash, body.password))) throw INVALID();
    if (route.status !== 'active') {
      throw new UnauthorizedError('inactive_user', 'This user can no longer sign in');
    }
    const result = await withTenant(deps.db, route.agency_id, async (tx) => {
      const user = (await createUserStore(tx).update(route.user_id, {
        last_login_at: new Date(),
      }))!;
      await recordAudit(tx, {
        agencyId: route.agency_id,
        actor: { type: 'user', id: user.id },
        action: 'user.signed_in',
        target: { type: 'user', id: user.id },
        data: { ip: ctx.ip },
        requestId: ctx.state.requestId,
      });
      const sessions = createSessions(tx, deps.accessTokens, deps.config.REFRESH_TOKEN_TTL_SECONDS);
      return { user, session: await sessions.issue(user) };
    });
    ctx.body = { user: publicUser(result.user), ...result.session };
  };
}
