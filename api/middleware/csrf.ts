import type { Middleware } from 'koa';
import type { ApiDeps } from '../deps';
import type { AppContext, AppState } from '../state';
import { AppError } from '../errors';
import { constantTimeEqual } from '../../lib/crypto/tokens';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export class CsrfError extends AppError {
  constructor(code: 'csrf_origin_mismatch' | 'csrf_token_invalid', message: string) {
    super(403, code, message);
  }
}

/**
 * A state-changing request must come from a page of this API's own origin. Browsers send
 * `Origin` on every cross-origin request and on same-origin POST/PATCH/DELETE; where it is
 * absent, `Sec-Fetch-Site` (sent by every current browser) says whether it is cross-site.
 */
export function assertSameOrigin(ctx: AppContext, deps: Pick<ApiDeps, 'config'>): void {
  const origin = ctx.get('Origin');
  // Not ctx.origin: Koa 3 answers that from the Origin header itself.
  const own = `${ctx.protocol}://${ctx.host}`;
  const allowed = new Set([own, new URL(deps.config.PUBLIC_URL).origin]);
  if (origin ? !allowed.has(origin) : ctx.get('Sec-Fetch-Site') === 'cross-site')
    throw new CsrfError(
      'csrf_origin_mismatch',
      `Requests that change something must come from the dashboard's own origin, not ${origin || 'another site'}`,
    );
}

/**
 * CSRF protection for cookie-authenticated requests (bearer requests carry their credential
 * explicitly, so a forged cross-site request cannot have it): the Origin must be ours and the
 * `X-CSRF-Token` header must equal the session's token (double submit, with a token derived
 * from the session so a sibling subdomain cannot plant a matching pair).
 */
export function csrfProtection(deps: Pick<ApiDeps, 'config'>): Middleware<AppState> {
  return async (ctx, next) => {
    const session = ctx.state.session;
    if (session && !SAFE.has(ctx.method)) {
      assertSameOrigin(ctx, deps);
      if (!constantTimeEqual(ctx.get('X-CSRF-Token'), session.csrfToken))
        throw new CsrfError(
          'csrf_token_invalid',
          'Send the X-CSRF-Token header with the value of the ra_csrf cookie',
        );
    }
    await next();
  };
}
