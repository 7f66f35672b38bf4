import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { validate } from '../../validate';
import { ConfirmSignupBody } from './schemas';
import { routeSignupConfirmation, withTenant } from '../../../lib/db';
import { AppError } from '../../errors';
import { sha256Hex } from '../../../lib/crypto/tokens';
import { confirmSignup } from '../../../lib/accounts/signups';
import { createAgencyStore } from '../../../lib/accounts/agencyStore';
import { publicUser } from '../../../lib/accounts/userStore';
import { createSessions } from '../../../lib/accounts/sessions';
import { recordAudit } from '../../../lib/audit/auditLog';
import { enforceRate } from '../../rateLimited';
import { AUTH_LIMITS } from '../../../lib/limits/authLimits';

const unknown = () =>
  new AppError(404, 'confirmation_not_found', 'This link is not valid or was already used');

/** POST /v1/auth/signup/confirm: the link from the sign-up e-mail starts the agency, signed in. */
export function postConfirmSignup(deps: ApiDeps): Middleware<AppState> {
  return async (ctx) => {
    const { token } = validate(ConfirmSignupBody, ctx.request.body);
    await enforceRate(deps, [{ limit: AUTH_LIMITS.invitationPerAddress, subject: ctx.ip }]);
    const route = await routeSignupConfirmation(deps.db, sha256Hex(token));
    if (!route) throw unknown();
    const result = await withTenant(deps.db, route.agency_id, async (tx) => {
      const confirmed = await confirmSignup(tx, route.user_id);
      if (!confirmed.ok) return confirmed;
      const agency = (await createAgencyStore(tx).get(route.agency_id))!;
      await recordAudit(tx, {
        agencyId: agency.id,
        actor: { type: 'user', id: confirmed.user.id },
        action: 'user.signed_in',
        target: { type: 'user', id: confirmed.user.id },
        requestId: ctx.state.requestId,
      });
      const sessions = createSessions(tx, deps.accessTokens, deps.config.REFRESH_TOKEN_TTL_SECONDS);
      return {
        ok: true as const,
        agency,
        user: confirmed.user,
        session: await sessions.issue(confirmed.user),
      };
    });
    if (!result.ok) {
      if (result.reason === 'expired')
        throw new AppError(410, 'confirmation_expired', 'This link has expired; sign up again');
      throw unknown();
    }
    ctx.status = 201;
    ctx.body = {
      agency: { id: result.agency.id, name: result.agency.name, slug: result.agency.slug },
      user: publicUser(result.user),
      ...result.session,
    };
  };
}
