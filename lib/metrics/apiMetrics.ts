import type { Middleware } from 'koa';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * What ops watch on an API process: requests by route template and status, how long they
 * take, webhook acknowledgements (what Meta and Stripe see), and the hand-offs to Temporal
 * still waiting after their 200 (a queue that grows means Temporal is slow or down).
 * One registry per app (not prom-client's global one): tests build several apps per process.
 */
export interface ApiMetrics {
  registry: Registry;
  /** Outermost middleware: it must see the status the error handler settled on. */
  middleware: Middleware;
}

/** Route templates only (`/v1/listings/:id`), never raw paths: ids would explode the series. */
function routeOf(ctx: { _matchedRoute?: string | RegExp; status: number }): string {
  const route = ctx._matchedRoute;
  if (typeof route === 'string') return route;
  return ctx.status === 404 ? 'unmatched' : 'other';
}

export function createApiMetrics(opts: { pendingHandOffs: () => number }): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by route template, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from request to response, by route template and method',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const webhookAcks = new Counter({
    name: 'webhook_acks_total',
    help: 'Webhook deliveries answered, by provider and status (2xx: stored durably)',
    labelNames: ['provider', 'status'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'pending_handoffs',
    help: 'Webhook hand-offs to Temporal started after the 200 and not finished yet',
    registers: [registry],
    collect() {
      this.set(opts.pendingHandOffs());
    },
  });

  const middleware: Middleware = async (ctx, next) => {
    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const route = routeOf(ctx);
      const status = String(ctx.status);
      requests.inc({ method: ctx.method, route, status });
      duration.observe(
        { method: ctx.method, route },
        Number(process.hrtime.bigint() - started) / 1e9,
      );
      const provider = /^\/webhooks\/([a-z]+)$/.exec(route)?.[1];
      if (provider) webhookAcks.inc({ provider, status });
    }
  };
  return { registry, middleware };
}
