import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { validate } from '../../validate';
import { RefreshBody } from './schemas';
import { routeRefreshToken, withTenant } from '../../../lib/db';
import { sha256Hex } from '../../../lib/crypto/tokens';
import { createSessions } from '../../../lib/accounts/sessions';

/** POST /v1/auth/logout: revokes the refresh token's whole login. Unknown tokens are a no-op. */
export function postLogout(deps: ApiDeps): Middleware<AppState> {
  return async (ctx) => {
    const { refreshToken } = validate(RefreshBody, ctx.request.body);
    const route = await routeRefreshToken(deps.db, sha256Hex(refreshToken));
    if (route) {
      await withTenant(deps.db, route.agency_id, async (tx) => {
        const sessions = createSessions(
          tx,
          deps.accessTokens,
          deps.config.REFRESH_TOKEN_TTL_SECONDS,
        );
        const family = await sessions.familyOf(route.token_id);
        if (family) await sessions.revokeFamily(family);
      });
    }
    ctx.status = 204;
  };
}
