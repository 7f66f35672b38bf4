import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { validate } from '../../validate';
import { enforceRate } from '../../rateLimited';
import { AUTH_LIMITS } from '../../../lib/limits/authLimits';
import { RefreshBody } from './schemas';
import { routeRefreshToken, withTenant } from '../../../lib/db';
import { UnauthorizedError } from '../../errors';
import { sha256Hex } from '../../../lib/crypto/tokens';
import { createSessions } from '../../../lib/accounts/sessions';

/** POST /v1/auth/refresh: trades a refresh token for a new pair (the old one is spent). */
export function postRefresh(deps: ApiDeps): Middleware<AppState> {
  return async (ctx) => {
    const { refreshToken } = validate(RefreshBody, ctx.request.body);
    await enforceRate(deps, [{ limit: AUTH_LIMITS.refreshPerAddress, subject: ctx.ip }]);
    const route = await routeRefreshToken(deps.db, sha256Hex(refreshToken));
    if (!route)
      throw new UnauthorizedError('invalid_refresh_token', 'The refresh token is not valid');
    const result = await withTenant(deps.db, route.agency_id, (tx) =>
      createSessions(tx, deps.accessTokens, deps.config.REFRESH_TOKEN_TTL_SECONDS).rotate(
        route.token_id,
      ),
    );
    if (!result.ok) {
      const message =
        result.reason === 'reused'
          ? 'This refresh token was already used; every session of this login is now signed out'
          : `The refresh token is ${result.reason === 'unknown' ? 'not valid' : result.reason}`;
      throw new UnauthorizedError(`refresh_token_${result.reason}`, message);
    }
    ctx.body = result.session;
  };
}
