import type { Middleware } from 'koa';
import { AppError } from '../errors';
import type { AppState } from '../state';
import { isUniqueViolation } from '../../lib/db';
import { temporalFailureToAppError } from '../temporalFailures';

/**
 * First in the chain: turns every thrown error into the one error shape. Unknown errors are
 * logged with their stack and answered as 500 without internals (stack only in development).
 */
export function errorHandler(opts: { exposeStack: boolean }): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new AppError(404, 'route_not_found', `No route for ${ctx.method} ${ctx.path}`);
      }
    } catch (err) {
      const known = toAppError(err);
      if (!known) ctx.state.log?.error({ err }, 'unhandled error');
      const e = known ?? new AppError(500, 'internal_error', 'Something went wrong on our side');
      ctx.status = e.status;
      ctx.body = {
        error: {
          code: e.code,
          message: e.message,
          ...e.details,
          requestId: ctx.state.requestId,
          ...(opts.exposeStack && !known && err instanceof Error ? { stack: err.stack } : {}),
        },
      };
      if (e.status === 401) ctx.set('WWW-Authenticate', 'Bearer');
    }
  };
}

function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  const temporal = temporalFailureToAppError(err);
  if (temporal) return temporal;
  if (isUniqueViolation(err)) {
    return new AppError(409, 'conflict', 'That already exists', {
      constraint: (err as { constraint?: string }).constraint,
    });
  }
  // Errors from Koa's own helpers (ctx.throw) carry an HTTP status.
  const status = (err as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new AppError(status, 'bad_request', (err as Error).message);
  }
  return undefined;
}
