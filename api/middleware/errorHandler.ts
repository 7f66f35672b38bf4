import type { Middleware } from 'koa';
import { AppError } from '../errors';
import type { AppState } from '../state';
import { isUniqueViolation } from '../../lib/db';
import { temporalFailureToAppError } from '../temporalFailures';

/**
 * Maps an error that is not an `AppError` to one (e.g. a Temporal failure by its type), or
 * returns undefined to leave it unknown. Checked in order after the built-in mappings.
 */
export type ErrorMapper = (err: unknown) => AppError | undefined;

/**
 * Turns every thrown error into the one error shape. Unknown errors are logged with their
 * stack and answered as 500 with a generic message and the request id, in every mode: a stack
 * or an SQL statement in a body tells an attacker how the service is built, and the request id
 * is enough to find the details in the log.
 */
export function errorHandler(
  opts: { mappers?: readonly ErrorMapper[] } = {},
): Middleware<AppState> {
  const mappers = opts.mappers ?? [];
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) {
        throw new AppError(404, 'route_not_found', `No route for ${ctx.method} ${ctx.path}`);
      }
    } catch (err) {
      const known = toAppError(err) ?? firstMapped(mappers, err);
      if (!known) ctx.state.log?.error({ err }, 'unhandled error');
      const e = known ?? new AppError(500, 'internal_error', 'Something went wrong on our side');
      ctx.status = e.status;
      ctx.body = {
        error: { code: e.code, message: e.message, ...e.details, requestId: ctx.state.requestId },
      };
      if (e.status === 401) ctx.set('WWW-Authenticate', 'Bearer');
      const retryAfter = e.details.retryAfterSeconds;
      if (typeof retryAfter === 'number') ctx.set('Retry-After', String(retryAfter));
    }
  };
}

function firstMapped(mappers: readonly ErrorMapper[], err: unknown): AppError | undefined {
  for (const map of mappers) {
    const mapped = map(err);
    if (mapped) return mapped;
  }
  return undefined;
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
