import { createHmac } from 'node:crypto';
import type { Middleware } from 'koa';
import type { ApiDeps } from '../deps';
import type { AppContext, AppState } from '../state';
import type { Db } from '../../lib/db';
import { sha256Hex } from '../../lib/crypto/tokens';

/**
 * The dashboard's session: the login's refresh token lives in an httpOnly cookie the page's
 * script cannot read, so an injected script cannot walk away with a credential. The cookie
 * travels SameSite=Lax, Secure (and `__Host-` prefixed) everywhere but on a loopback address,
 * where browsers will not keep Secure cookies over plain http. A second, readable cookie holds
 * the CSRF token the page echoes in `X-CSRF-Token` (see csrf.ts); it is derived from the session
 * token with a server key, so it cannot be guessed or planted without the session itself.
 * Bearer tokens and API keys are untouched: a request with an Authorization header ignores
 * cookies entirely (and so needs no CSRF token).
 */
export interface CookieSession {
  kind: 'user';
  agencyId: string;
  userId: string;
  familyId: string;
  csrfToken: string;
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$|\.localhost$/i;

export const isLoopbackHost = (hostname: string): boolean => LOOPBACK.test(hostname);

/** Whether this request's cookies must be Secure (and `__Host-` prefixed). */
export const secureCookies = (ctx: AppContext): boolean => !isLoopbackHost(ctx.hostname);

export function cookieNames(ctx: AppContext): { session: string; csrf: string } {
  const prefix = secureCookies(ctx) ? '__Host-' : '';
  return { session: `${prefix}ra_session`, csrf: `${prefix}ra_csrf` };
}

export const csrfTokenFor = (key: string, sessionToken: string): string =>
  createHmac('sha256', key).update(`csrf:${sessionToken}`).digest('base64url');

function cookie(
  name: string,
  value: string,
  opts: { httpOnly: boolean; secure: boolean; maxAge: number },
): string {
  return [
    `${name}=${value}`,
    'Path=/',
    `Max-Age=${opts.maxAge}`,
    'SameSite=Lax',
    ...(opts.httpOnly ? ['HttpOnly'] : []),
    ...(opts.secure ? ['Secure'] : []),
  ].join('; ');
}

/** Sets both cookies for a session token; returns the CSRF token the page must echo. */
export function startCookieSession(
  ctx: AppContext,
  deps: Pick<ApiDeps, 'config'>,
  sessionToken: string,
): string {
  const names = cookieNames(ctx);
  const secure = secureCookies(ctx);
  const maxAge = deps.config.REFRESH_TOKEN_TTL_SECONDS;
  const csrfToken = csrfTokenFor(deps.config.JWT_SECRET, sessionToken);
  ctx.append('Set-Cookie', cookie(names.session, sessionToken, { httpOnly: true, secure, maxAge }));
  ctx.append('Set-Cookie', cookie(names.csrf, csrfToken, { httpOnly: false, secure, maxAge }));
  return csrfToken;
}

export function endCookieSession(ctx: AppContext): void {
  const names = cookieNames(ctx);
  const secure = secureCookies(ctx);
  for (const [name, httpOnly] of [
    [names.session, true],
    [names.csrf, false],
  ] as const)
    ctx.append('Set-Cookie', cookie(name, '', { httpOnly, secure, maxAge: 0 }));
}

export const sessionTokenOf = (ctx: AppContext): string | undefined =>
  ctx.cookies.get(cookieNames(ctx).session) || undefined;

async function routeSession(db: Db, token: string) {
  const result: {
    rows: Array<{ token_id: string; user_id: string; agency_id: string; family_id: string }>;
  } = await db.raw('select * from route_session(?)', [sha256Hex(token)]);
  return result.rows[0];
}

/**
 * Resolves the session cookie into `ctx.state.session` (the same user principal a bearer
 * token names; `authenticated` re-reads the user in the tenant transaction as for a token).
 * A cookie that names no live session is ignored: the route then answers 401 as for no
 * credential at all, and the dashboard shows its sign-in page.
 */
export function cookieSession(deps: Pick<ApiDeps, 'db' | 'config'>): Middleware<AppState> {
  return async (ctx, next) => {
    const token = ctx.get('Authorization') ? undefined : sessionTokenOf(ctx);
    const route = token ? await routeSession(deps.db, token) : undefined;
    if (token && route)
      ctx.state.session = {
        kind: 'user',
        agencyId: route.agency_id,
        userId: route.user_id,
        familyId: route.family_id,
        csrfToken: csrfTokenFor(deps.config.JWT_SECRET, token),
      };
    await next();
  };
}
