import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { withTenant } from '../../../lib/db';
import { createSessions } from '../../../lib/accounts/sessions';
import { endCookieSession } from '../../middleware/session';
import { recordAudit } from '../../../lib/audit/auditLog';

/**
 * DELETE /v1/session: signs the dashboard out on the server: every token of this login is
 * revoked, so the cookie (or a copy of it) is useless from now on, then the cookies are cleared.
 * Without a live session it only clears the cookies.
 */
export function deleteSession(
  deps: Pick<ApiDeps, 'db' | 'config' | 'accessTokens'>,
): Middleware<AppState> {
  return async (ctx) => {
    const session = ctx.state.session;
    if (session) {
      await withTenant(deps.db, session.agencyId, async (tx) => {
        await createSessions(
          tx,
          deps.accessTokens,
          deps.config.REFRESH_TOKEN_TTL_SECONDS,
        ).revokeFamily(session.familyId);
        await recordAudit(tx, {
          agencyId: session.agencyId,
          actor: { type: 'user', id: session.userId },
          action: 'user.signed_out',
          target: { type: 'user', id: session.userId },
          requestId: ctx.state.requestId,
        });
      });
    }
    endCookieSession(ctx);
    ctx.status = 204;
  };
}
