import { routePendingInbound } from '../db';
import { dispatchPending, type DispatchDeps } from './dispatch';

/**
 * Re-drives messages that were committed while Temporal was unreachable. Runs on an interval
 * in every API process; concurrent runs are harmless because the intake workflow drops
 * message ids it has already seen.
 */
export function startInboundReconciler(
  deps: DispatchDeps,
  opts: { intervalMs: number; graceSeconds: number },
): () => Promise<void> {
  let running: Promise<void> | undefined;
  const tick = async () => {
    try {
      for (const agencyId of await routePendingInbound(deps.db, opts.graceSeconds)) {
        await dispatchPending(deps, agencyId);
      }
    } catch (err) {
      deps.log.warn({ err }, 'inbound reconciler pass failed');
    }
  };
  const timer = setInterval(() => {
    running ??= tick().finally(() => (running = undefined));
  }, opts.intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
