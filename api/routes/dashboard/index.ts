import Router from '@koa/router';
import type Koa from 'koa';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { NotFoundError } from '../../errors';

const DIST = path.resolve(__dirname, '../../../web/dist');
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

/**
 * The operator dashboard at /app/: the files `scripts/build-web.ts` bundles into web/dist.
 * Served with a strict Content-Security-Policy: the page runs only its own script, and photos
 * come from this API's signed URLs or the S3 endpoint.
 */
export function dashboardRouter(deps: Pick<ApiDeps, 'config'>): Router<AppState> {
  const s3 = deps.config.S3_ENDPOINT ? ` ${new URL(deps.config.S3_ENDPOINT).origin}` : '';
  const csp = `default-src 'self'; img-src 'self' data: https:${s3}; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'`;
  return new Router<AppState>({ strict: true })
    .get('/app', (ctx) => ctx.redirect('/app/'))
    .get('/app/', (ctx) => serve(ctx, 'index.html'))
    .get('/app/{*file}', (ctx) =>
      serve(ctx, (ctx.params as { file?: string }).file ?? 'index.html'),
    );

  async function serve(ctx: Koa.ParameterizedContext<AppState>, requested: string): Promise<void> {
    const file = path.resolve(DIST, requested);
    const type = TYPES[path.extname(file)];
    if (!file.startsWith(DIST + path.sep) || !type) throw new NotFoundError('Page');
    try {
      ctx.body = await readFile(file);
    } catch {
      throw new NotFoundError(
        requested === 'index.html' ? 'Dashboard (run `npm run build:web`)' : 'Page',
      );
    }
    ctx.type = type;
    ctx.set('Content-Security-Policy', csp);
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Cache-Control', requested === 'index.html' ? 'no-cache' : 'public, max-age=300');
  }
}
