import Koa from 'koa';
import type { ApiDeps } from './deps';
import type { AppState } from './state';
import { errorHandler } from './middleware/errorHandler';
import { requestContext } from './middleware/requestContext';
import { subdomainTenant } from './middleware/subdomainTenant';
import { apiRouter, filesRouter, healthRouter } from './routes';
import { webhooksRouter } from './routes/webhooks';
import { dashboardRouter } from './routes/dashboard';
import { codecRouter } from './routes/codec';
import { metricsRouter } from './routes/metrics';
import { createApiMetrics } from '../lib/metrics/apiMetrics';
import { securityHeaders } from './middleware/securityHeaders';
import { cookieSession } from './middleware/session';
import { csrfProtection } from './middleware/csrf';

/**
 * Builds the HTTP application from its dependencies; never listens (api/server.ts does).
 * The order is the contract: metrics, then request id and logging (so the log line carries the
 * status the client got, errors included), security headers (on error answers too), errors,
 * probes, raw-body webhooks, tenant by host, the dashboard's cookie session and its CSRF
 * check, then the JSON API (which parses bodies and authenticates per route).
 */
export function createApp(deps: ApiDeps): Koa<AppState> {
  const app = new Koa<AppState>({ proxy: deps.config.NODE_ENV === 'production' });
  app.silent = true;
  const metrics = createApiMetrics({ pendingHandOffs: () => deps.background.pending });
  app.use(metrics.middleware);
  app.use(requestContext(deps.log));
  app.use(securityHeaders());
  app.use(errorHandler());
  const health = healthRouter(deps);
  app.use(health.routes());
  app.use(metricsRouter(metrics.registry, deps.config.METRICS_TOKEN).routes());
  app.use(codecRouter(deps).routes());
  app.use(filesRouter(deps).routes());
  app.use(dashboardRouter(deps).routes());
  app.use(webhooksRouter(deps).routes());
  app.use(subdomainTenant(deps.db, deps.config.BASE_DOMAIN));
  app.use(cookieSession(deps));
  app.use(csrfProtection(deps));
  const api = apiRouter(deps);
  app.use(api.routes()).use(api.allowedMethods());
  return app;
}
