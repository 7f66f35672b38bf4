import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { validate } from '../../validate';
import { enforceRate } from '../../rateLimited';
import { AUTH_LIMITS } from '../../../lib/limits/authLimits';
import { AcceptInvitationBody } from './schemas';
import { routeInvitation, withTenant } from '../../../lib/db';
import { AppError } from '../../errors';
import { sha256Hex } from '../../../lib/crypto/tokens';
import { hashPassword } from '../../../lib/auth/passwords';
import { createUserStore, publicUser } from '../../../lib/accounts/userStore';
import { createSessions } from '../../../lib/accounts/sessions';
import { recordAudit } from '../../../lib/audit/auditLog';

const invalid = () =>
  new AppError(404, 'invitation_not_found', 'This invitation is not valid or was already used');

/** POST /v1/auth/invitations/accept: an invited user sets a password and is signed in. */
export function postAcceptInvitation(deps: ApiDeps): Middleware<AppState> {
  return async (ctx) => {
    const body = validate(AcceptInvitationBody, ctx.request.body);
    await enforceRate(deps, [{ limit: AUTH_LIMITS.invitationPerAddress, subject: ctx.ip }]);
    const route = await routeInvitation(deps.db, sha256Hex(body.token));
    if (!route) throw invalid();
    const passwordHash = await hashPassword(body.password);
    const result = await withTenant(deps.db, route.agency_id, async (tx) => {
      const users = createUserStore(tx);
      const invited = await users.get(route.user_id);
      if (!invited?.invite_expires_at || invited.invite_expires_at.getTime() < Date.now()) {
        throw new AppError(
          410,
          'invitation_expired',
          'This invitation has expired; ask for a new one',
        );
      }
      const user = (await users.update(route.user_id, {
        password_hash: passwordHash,
        status: 'active',
        invite_token_hash: null,
        invite_expires_at: null,
        last_login_at: new Date(),
      }))!;
      await recordAudit(tx, {
        agencyId: route.agency_id,
        actor: { type: 'user', id: user.id },
        action: 'user.invitation_accepted',
        target: { type: 'user', id: user.id },
        requestId: ctx.state.requestId,
      });
      const sessions = createSessions(tx, deps.accessTokens, deps.config.REFRESH_TOKEN_TTL_SECONDS);
      return { user, session: await sessions.issue(user) };
    });
    ctx.body = { user: publicUser(result.user), ...result.session };
  };
}
