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
import { enforceRate } from '../../rateLimited';
import { AUTH_LIMITS } from '../../../lib/limits/authLimits';

const INVALID = () => new UnauthorizedError('invalid_credentials', 'E-mail or password is wrong');

/**
 * POST /v1/auth/login: e-mail + password -> access token and refresh token. Rate-limited per
 * account and address together (an attacker locks out only their own address) and per address.
 * The routing function gives only the account's ids; its password hash is read and verified
 * inside the agency's transaction, under row-level security.
 */
export function postLogin(deps: ApiDeps): Middleware<AppState> {
  return async (ctx) => {
    const body = validate(LoginBody, ctx.request.body);
    const email = body.email.toLowerCase();
    await enforceRate(deps, [
      { limit: AUTH_LIMITS.loginPerAccountAndAddress, subject: `${email}|${ctx.ip}` },
      { limit: AUTH_LIMITS.loginPerAddress, subject: ctx.ip },
    ]);
    const route = await routeLogin(deps.db, email);
    const bound = ctx.state.hostAgencyId;
    if (!route || (bound && route.agency_id !== bound)) {
      await verifyDecoy(body.password);
      throw INVALID();
    }
    const user = await withTenant(deps.db, route.agency_id, (tx) =>
      createUserStore(tx).get(route.user_id),
    );
    // An unconfirmed sign-up answers like an unknown address: whoever typed someone else's
    // e-mail into the sign-up form learns nothing by trying the password they chose.
    if (!user?.password_hash || user.status === 'invited') {
      await verifyDecoy(body.password);
      throw INVALID();
    }
    if (!(await verifyPassword(user.password_hash, body.password))) throw INVALID();
    if (user.status !== 'active') {
      throw new UnauthorizedError('inactive_user', 'This user can no longer sign in');
    }
    const result = await withTenant(deps.db, route.agency_id, async (tx) => {
      const signedIn = (await createUserStore(tx).update(route.user_id, {
        last_login_at: new Date(),
      }))!;
      await recordAudit(tx, {
        agencyId: route.agency_id,
        actor: { type: 'user', id: signedIn.id },
        action: 'user.signed_in',
        target: { type: 'user', id: signedIn.id },
        data: { ip: ctx.ip },
        requestId: ctx.state.requestId,
      });
      const sessions = createSessions(tx, deps.accessTokens, deps.config.REFRESH_TOKEN_TTL_SECONDS);
      return { user: signedIn, session: await sessions.issue(signedIn) };
    });
    ctx.body = { user: publicUser(result.user), ...result.session };
  };
}
