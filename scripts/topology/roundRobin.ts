import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobin {
  url: string;
  /** The index of the replica each request went to, in the order the requests came in. */
  routed: number[];
  close(): Promise<void>;
}

/**
 * One address in front of several API processes, as a load balancer would put them: each
 * request goes to the next replica in turn, so one agent's messages are spread across them.
 */
export async function startRoundRobin(targets: string[]): Promise<RoundRobin> {
  let next = 0;
  const routed: number[] = [];
  const server = http.createServer((req, res) => {
    const replica = next++ % targets.length;
    routed.push(replica);
    const target = new URL(targets[replica]!);
    const upstream = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      res.writeHead(502).end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    routed,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
