import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A pass-through in front of stripe-mock (the harness starts it; `TEST_STRIPE_MOCK_URL`). Every
 * request goes to stripe-mock and is recorded, so tests can assert what the product sent.
 * stripe-mock is stateless and answers fixture objects, so two things it cannot express are
 * layered on top, in Stripe's own wire format:
 * - `setSubscription(id, state)`: GET /v1/subscriptions/:id answers stripe-mock's subscription
 *   with that state (status, customer, price, period) written over the fixture's;
 * - `failNext(prefix, status)`: Stripe's error body with that status (an outage).
 */
export interface SubscriptionState {
  customer: string;
  status: string;
  price: string;
  cancelAtPeriodEnd?: boolean;
  periodStart?: number;
  periodEnd?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  form: URLSearchParams;
  headers: http.IncomingHttpHeaders;
}

export interface StripeProxy {
  url: string;
  requests: RecordedRequest[];
  setSubscription(id: string, state: SubscriptionState): void;
  failNext(pathPrefix: string, status: number, count?: number): void;
  close(): Promise<void>;
}

export function stripeMockUrl(): string {
  const url = process.env.TEST_STRIPE_MOCK_URL;
  if (!url) throw new Error('TEST_STRIPE_MOCK_URL unset: run tests with `npm run test:suite`');
  return url;
}

type Json = Record<string, any>;

function overlay(sub: Json, id: string, s: SubscriptionState): Json {
  const now = Math.floor(Date.now() / 1000);
  const start = s.periodStart ?? now - 86400;
  const end = s.periodEnd ?? now + 29 * 86400;
  const item = sub.items.data[0];
  item.price.id = s.price;
  item.subscription = id;
  item.current_period_start = start;
  item.current_period_end = end;
  return {
    ...sub,
    id,
    customer: s.customer,
    status: s.status,
    cancel_at_period_end: s.cancelAtPeriodEnd ?? false,
    canceled_at: s.status === 'canceled' ? now : null,
    ended_at: s.status === 'canceled' ? now : null,
    trial_end: null,
    items: { ...sub.items, data: [item] },
  };
}

export async function startStripeProxy(): Promise<StripeProxy> {
  const upstream = new URL(stripeMockUrl());
  const subscriptions = new Map<string, SubscriptionState>();
  const failures: Array<{ prefix: string; status: number; left: number }> = [];
  const requests: RecordedRequest[] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const path = req.url ?? '/';
      requests.push({
        method: req.method ?? 'GET',
        path: path.split('?')[0]!,
        form: new URLSearchParams(body.toString('utf8')),
        headers: req.headers,
      });
      const failure = failures.find((f) => path.startsWith(f.prefix) && f.left > 0);
      if (failure) {
        failure.left -= 1;
        res.writeHead(failure.status, { 'content-type': 'application/json' });
        return res.end(
          JSON.stringify({ error: { type: 'api_error', message: 'Simulated Stripe outage' } }),
        );
      }
      const subId = /^\/v1\/subscriptions\/([^/?]+)/.exec(path)?.[1];
      const state = req.method === 'GET' && subId ? subscriptions.get(subId) : undefined;
      const forward = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path,
          headers: { ...req.headers, host: upstream.host },
        },
        (up) => {
          const parts: Buffer[] = [];
          up.on('data', (c: Buffer) => parts.push(c));
          up.on('end', () => {
            let out = Buffer.concat(parts);
            if (state && up.statusCode === 200) {
              out = Buffer.from(JSON.stringify(overlay(JSON.parse(out.toString()), subId!, state)));
            }
            // The body is re-sent whole (possibly rewritten): its length, not chunks.
            const headers = { ...up.headers, 'content-length': String(out.length) };
            delete headers['transfer-encoding'];
            res.writeHead(up.statusCode ?? 502, headers);
            res.end(out);
          });
        },
      );
      forward.on('error', (err) => {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(String(err));
      });
      forward.end(body);
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    setSubscription: (id, s) => subscriptions.set(id, s),
    failNext: (prefix, status, count = 1) => failures.push({ prefix, status, left: count }),
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
