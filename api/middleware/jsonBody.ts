import type { Middleware } from 'koa';
import getRawBody from 'raw-body';
import { AppError, BadRequestError } from '../errors';
import type { AppState } from '../state';

declare module 'koa' {
  interface Request {
    body?: unknown;
    rawBody?: Buffer;
  }
}

/** Reads the request body as bytes, refusing more than `limit`. Webhooks verify these bytes. */
export async function readRawBody(
  ctx: { req: NodeJS.ReadableStream; get(h: string): string },
  limit: string,
): Promise<Buffer> {
  try {
    return await getRawBody(ctx.req, { limit, length: ctx.get('Content-Length') || undefined });
  } catch (err) {
    const type = (err as { type?: string }).type;
    if (type === 'entity.too.large') {
      throw new AppError(413, 'payload_too_large', `Request body is larger than ${limit}`);
    }
    throw new BadRequestError('unreadable_body', 'The request body could not be read');
  }
}

/** Deeper than any body of this API; a hostile `[[[[...]]]]` would overflow the stack later. */
const MAX_DEPTH = 32;

/** True when `value` nests objects or arrays deeper than `max` (iterative: no recursion). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Parses JSON bodies for the routes after it. A body that is not JSON, or JSON that does not
 * parse, is refused here with a precise code, before any handler runs.
 */
export function jsonBody(opts: { limit: string }): Middleware<AppState> {
  return async (ctx, next) => {
    if (
      !['POST', 'PUT', 'PATCH', 'DELETE'].includes(ctx.method) ||
      (!ctx.request.length && !ctx.get('Transfer-Encoding'))
    ) {
      await next();
      return;
    }
    if (!ctx.is('application/json', '+json')) {
      throw new AppError(415, 'unsupported_media_type', 'Send the body as application/json');
    }
    const raw = await readRawBody(ctx, opts.limit);
    ctx.request.rawBody = raw;
    try {
      ctx.request.body = raw.length ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      throw new BadRequestError('malformed_json', 'The request body is not valid JSON');
    }
    if (nestsDeeperThan(ctx.request.body, MAX_DEPTH)) {
      throw new BadRequestError('body_too_deep', `The JSON nests deeper than ${MAX_DEPTH} levels`);
    }
    await next();
  };
}
