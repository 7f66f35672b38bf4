import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { temporalIsServing } from '../../../lib/temporal/client';

/** GET /healthz: the process is alive (for restarts). */
export const getHealthz: Middleware<AppState> = (ctx) => {
  ctx.body = { status: 'ok' };
};

/** GET /readyz: the process can do its work, i.e. reach Postgres and Temporal (for traffic). */
export function getReadyz(deps: Pick<ApiDeps, 'db' | 'temporal'>): Middleware<AppState> {
  return async (ctx) => {
    const [database, temporal] = await Promise.all([
      deps.db.raw('select 1').then(
        () => true,
        () => false,
      ),
      temporalIsServing(deps.temporal),
    ]);
    const ready = database && temporal;
    ctx.status = ready ? 200 : 503;
    ctx.body = {
      status: ready ? 'ready' : 'not_ready',
      checks: {
        database: database ? 'ok' : 'unreachable',
        temporal: temporal ? 'ok' : 'unreachable',
      },
    };
  };
}
