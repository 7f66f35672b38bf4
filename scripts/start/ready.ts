import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls the API's /readyz (database and Temporal reachable) until it answers 200. Gives up
 * after `timeoutMs` with the last answer, or early when `cancelled()` turns true.
 */
export async function waitForReady(opts: {
  url: string;
  timeoutMs: number;
  cancelled: () => boolean;
}): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  let last = 'no answer';
  while (!opts.cancelled()) {
    try {
      const response = await fetch(`${opts.url}/readyz`, { signal: AbortSignal.timeout(3000) });
      if (response.status === 200) return;
      last = `${response.status} ${await response.text()}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > deadline) {
      throw new Error(`${opts.url}/readyz did not answer 200 in ${opts.timeoutMs} ms: ${last}`);
    }
    await sleep(500);
  }
}
