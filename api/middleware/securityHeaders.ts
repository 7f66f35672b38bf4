import type { Middleware } from 'koa';
import type { AppState } from '../state';
import { isLoopbackHost } from './session';

/** JSON and errors render nothing and embed nothing; the dashboard sets its own, looser CSP. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/**
 * Headers every response carries, set before anything else runs so error answers have them
 * too: no framing (clickjacking), no MIME sniffing, no referrer leaking listing ids, and,
 * outside loopback, HSTS so a browser never talks to the API over plain http again.
 */
export function securityHeaders(): Middleware<AppState> {
  return async (ctx, next) => {
    ctx.set('Content-Security-Policy', API_CSP);
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Cross-Origin-Opener-Policy', 'same-origin');
    if (!isLoopbackHost(ctx.hostname))
      ctx.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    await next();
  };
}
