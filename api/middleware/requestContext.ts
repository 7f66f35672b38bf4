import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from '../../lib/log';
import type { AppState } from '../state';

const INCOMING_ID = /^[A-Za-z0-9._-]{8,64}$/;

/** Gives each request an id (the caller's X-Request-Id when sane), a child logger, and a log line. */
export function requestContext(log: Logger): Middleware<AppState> {
  return async (ctx, next) => {
    const incoming = ctx.get('X-Request-Id');
    ctx.state.requestId = INCOMING_ID.test(incoming) ? incoming : randomUUID();
    // Kept aside: later middleware replaces ctx.state.log with children (e.g. with agencyId).
    const requestLog = log.child({ requestId: ctx.state.requestId });
    ctx.state.log = requestLog;
    ctx.set('X-Request-Id', ctx.state.requestId);
    const started = performance.now();
    try {
      await next();
    } finally {
      requestLog.info(
        {
          method: ctx.method,
          path: ctx.path,
          status: ctx.status,
          ms: Math.round(performance.now() - started),
          agencyId: ctx.state.principal?.agencyId,
        },
        'request',
      );
    }
  };
}
