import { findTool } from './tools';
import { freePort, startListening, type Service } from './process';

export interface StripeMock extends Service {
  /** Base URL for `STRIPE_API_BASE`. */
  url: string;
}

/**
 * stripe-mock: Stripe's own mock of its HTTP API (validates requests against the OpenAPI spec,
 * answers with fixture objects; stateless). Bound to loopback only.
 */
export async function startStripeMock(opts: { port: number }): Promise<StripeMock> {
  const service = await startListening(
    'stripe-mock',
    findTool('stripe-mock'),
    // Without an explicit HTTPS address it also binds :12112, which parallel runs would share.
    ['-http-addr', `127.0.0.1:${opts.port}`, '-https-addr', `127.0.0.1:${await freePort()}`],
    opts.port,
  );
  return { ...service, url: `http://127.0.0.1:${opts.port}` };
}
