import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { assertSameOrigin } from '../../middleware/csrf';
import { startCookieSession } from '../../middleware/session';

const TOKEN_FIELDS = ['accessToken', 'refreshToken', 'tokenType', 'expiresIn'];

/**
 * Turns a route that signs someone in (login, sign-up, accepting an invitation) into its
 * dashboard form: the same checks and the same session row, but the refresh token goes into
 * the httpOnly cookie and no token reaches the page's script. The body keeps everything else
 * and gains the CSRF token. Refused from another origin, so a foreign page cannot sign a
 * visitor into an account of its choosing (login CSRF).
 */
export function asCookieSession(
  deps: Pick<ApiDeps, 'config'>,
  signIn: Middleware<AppState>,
): Middleware<AppState> {
  return async (ctx, next) => {
    assertSameOrigin(ctx, deps);
    await signIn(ctx, next);
    const body = ctx.body as Record<string, unknown> & { refreshToken?: unknown };
    if (typeof body?.refreshToken !== 'string') return;
    const rest: Record<string, unknown> = { ...body };
    for (const token of TOKEN_FIELDS) delete rest[token];
    const csrfToken = startCookieSession(ctx, deps, body.refreshToken);
    ctx.body = { ...rest, csrfToken };
  };
}
