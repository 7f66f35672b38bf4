import Router from '@koa/router';
import { timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { Registry } from 'prom-client';
import type { AppState } from '../../state';
import { categorize } from '../../../lib/net/addresses';

/**
 * GET /metrics (Prometheus text format). With METRICS_TOKEN set, a scraper presents it as a
 * bearer token. Without one, only a direct caller on this host or a private network (the
 * scraper next to the API in a cluster) is answered; anything that came through a proxy
 * (X-Forwarded-For) or from a public address gets 404, as if there were nothing here.
 */
const INTERNAL = new Set(['loopback', 'private', 'unique-local', 'cgnat']);

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function metricsRouter(registry: Registry, token: string | undefined): Router<AppState> {
  return new Router<AppState>().get('/metrics', async (ctx) => {
    let allowed: boolean;
    if (token) {
      const header = ctx.get('Authorization');
      allowed = header.startsWith('Bearer ') && sameSecret(header.slice(7), token);
    } else {
      const peer = ctx.req.socket.remoteAddress ?? '';
      const proxied = Boolean(ctx.get('X-Forwarded-For') || ctx.get('Forwarded'));
      allowed = !proxied && isIP(peer) !== 0 && INTERNAL.has(categorize(peer));
    }
    if (!allowed) {
      ctx.status = 404;
      ctx.body = { error: { code: 'not_found', message: 'Not found' } };
      return;
    }
    ctx.set('Content-Type', registry.contentType);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = await registry.metrics();
  });
}
