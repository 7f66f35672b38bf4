import { createOutboundFetch, parseOutboundPolicy, type OutboundPolicy } from './outbound';
import type { OutboundFetch } from './outbound';

/**
 * The process's outbound policy, from `OUTBOUND_ALLOW_PRIVATE` (validated at boot with the rest
 * of the configuration, lib/config.ts). Unset: only public addresses. `npm start` and the tests
 * set `loopback`, because their WordPress runs on this machine.
 */
let policy: OutboundPolicy | undefined;
export function processOutboundPolicy(): OutboundPolicy {
  return (policy ??= parseOutboundPolicy(process.env.OUTBOUND_ALLOW_PRIVATE));
}

const fetches = new Map<string, OutboundFetch>();

/** A guarded fetch under the process's policy; one connection pool per size/time budget. */
export function outboundFetch(opts: { maxBodyBytes: number; timeoutMs: number }): OutboundFetch {
  const key = `${opts.maxBodyBytes}:${opts.timeoutMs}`;
  let f = fetches.get(key);
  if (!f) fetches.set(key, (f = createOutboundFetch({ policy: processOutboundPolicy(), ...opts })));
  return f;
}
