import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { AppError, NotFoundError } from '../../errors';
import { StorageNotFoundError, verifyFileSignature } from '../../../lib/storage';

/**
 * GET /files/*key?expires=&sig=: serves a stored photo to whoever holds a fresh signed URL
 * (the dashboard's <img> tags, WordPress fetching media). The URL is the credential, so the
 * answer is private and never cached past its expiry.
 */
export function getFile(deps: Pick<ApiDeps, 'config' | 'storage'>): Middleware<AppState> {
  return async (ctx) => {
    const secret = deps.config.STORAGE_URL_SECRET;
    const key = (ctx.params as { key?: string }).key ?? '';
    if (deps.config.STORAGE_DRIVER !== 'local' || !secret) throw new NotFoundError('File');
    const check = verifyFileSignature(secret, key, ctx.query.expires, ctx.query.sig, new Date());
    if (!check.ok) {
      throw new AppError(
        403,
        `file_url_${check.reason}`,
        'This file link is not valid or has expired',
      );
    }
    try {
      const file = await deps.storage.get(key);
      ctx.type = file.contentType;
      ctx.set('Cache-Control', 'private, max-age=300');
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.body = file.body;
    } catch (err) {
      if (err instanceof StorageNotFoundError) throw new NotFoundError('File');
      throw err;
    }
  };
}
