import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP proxy in front of a real WordPress that misbehaves on request: it answers
 * 5xx/429 (with Retry-After) without asking WordPress, or forwards a request, lets WordPress
 * commit it, and then cuts the connection, so the client never sees the answer (the "lost
 * response" that makes a naive retry create a second post). Everything else passes through.
 */
export type FaultAction =
  | { respond: number; headers?: Record<string, string> }
  | { dropAfterCommit: true }
  /** Forward, let WordPress commit, then never answer (the caller is about to be killed). */
  | { holdAfterCommit: true };

export interface Fault {
  method: string;
  /** The request's `rest_route`, matched exactly or by a regular expression. */
  route: string | RegExp;
  times: number;
  action: FaultAction;
}

export interface SeenRequest {
  method: string;
  route: string;
  /** What the client got: the status, or `dropped`/`injected-<status>`. */
  outcome: string;
}

export interface FaultProxy {
  baseUrl: string;
  requests: SeenRequest[];
  inject(fault: Fault): void;
  /** Resolves when a `holdAfterCommit` request has been committed by WordPress. */
  held(): Promise<SeenRequest>;
  /** Requests WordPress actually received (injected answers excluded). */
  reached(method: string, route: string | RegExp): SeenRequest[];
  close(): Promise<void>;
}

const matches = (pattern: string | RegExp, route: string) =>
  typeof pattern === 'string' ? pattern === route : pattern.test(route);

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const faults: Fault[] = [];
  const requests: SeenRequest[] = [];
  const holders: Array<(r: SeenRequest) => void> = [];
  const heldRequests: SeenRequest[] = [];

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const route = url.searchParams.get('rest_route') ?? url.pathname;
    const method = req.method ?? 'GET';
    const fault = faults.find((f) => f.times > 0 && f.method === method && matches(f.route, route));
    if (fault) fault.times -= 1;
    const seen: SeenRequest = { method, route, outcome: 'pending' };
    requests.push(seen);

    if (fault && 'respond' in fault.action) {
      const { respond, headers = {} } = fault.action;
      req.resume();
      req.on('end', () => {
        seen.outcome = `injected-${respond}`;
        res.writeHead(respond, { 'content-type': 'application/json; charset=UTF-8', ...headers });
        res.end(
          JSON.stringify({
            code: respond === 429 ? 'too_many_requests' : 'internal_server_error',
            message: respond === 429 ? 'Slow down.' : 'There has been a critical error.',
            data: { status: respond },
          }),
        );
      });
      return;
    }

    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      (upstreamRes) => {
        if (fault && 'holdAfterCommit' in fault.action) {
          upstreamRes.resume();
          upstreamRes.on('end', () => {
            seen.outcome = 'held';
            heldRequests.push(seen);
            holders.splice(0).forEach((resolve) => resolve(seen));
          });
          return;
        }
        if (fault && 'dropAfterCommit' in fault.action) {
          // Let WordPress finish (it has committed by the time it answers), then hang up.
          upstreamRes.resume();
          upstreamRes.on('end', () => {
            seen.outcome = 'dropped';
            req.socket.destroy();
          });
          return;
        }
        seen.outcome = String(upstreamRes.statusCode);
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        upstreamRes.pipe(res);
      },
    );
    forward.on('error', () => req.socket.destroy());
    req.pipe(forward);
  });
  server.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    requests,
    inject: (fault) => faults.push({ ...fault }),
    held: () =>
      heldRequests[0]
        ? Promise.resolve(heldRequests[0])
        : new Promise<SeenRequest>((resolve) => holders.push(resolve)),
    reached: (method, route) =>
      requests.filter(
        (r) => r.method === method && matches(route, r.route) && !r.outcome.startsWith('injected'),
      ),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
