import Koa from 'koa';
import type { ApiDeps } from './deps';
import type { AppState } from './state';
import { errorHandler } from './middleware/errorHandler';
import { requestContext } from './middleware/requestContext';
import { subdomainTenant } from './middleware/subdomainTenant';
import { apiRouter, filesRouter, healthRouter } from './routes';
import { webhooksRouter } from './routes/webhooks';
import { dashboardRouter } from './routes/dashboard';

/**
 * Builds the HTTP application from its dependencies; never listens (api/server.ts does).
 * The order is the contract: request id and logging outermost (so the log line carries the
 * status the client got, errors included), then errors, tenant by host, probes, raw-body
 * webhooks, then the JSON API (which parses bodies and authenticates per route).
 */
export function createApp(deps: ApiDeps): Koa<AppState> {
  const app = new Koa<AppState>({ proxy: deps.config.NODE_ENV === 'production' });
  app.silent = true;
  app.use(requestContext(deps.log));
  app.use(errorHandler());
  const health = healthRouter(deps);
  app.use(health.routes());
  app.use(filesRouter(deps).routes());
  app.use(dashboardRouter(deps).routes());
  app.use(webhooksRouter(deps).routes());
  app.use(subdomainTenant(deps.db, deps.config.BASE_DOMAIN));
  const api = apiRouter(deps);
  app.use(api.routes()).use(api.allowedMethods());
  return app;
}
