import type { BackgroundTasks } from '../runtime/background';
import { bySender, dispatchRows, type DispatchDeps, type InboundRow } from './dispatch';

/**
 * The webhook's hand-offs after the 200, one queue per agent. While an agent's hand-off is
 * waiting for Temporal (or for a slot of the fair gate), the messages their next deliveries
 * commit queue behind it, and the next hand-off takes them all in one signal: when the
 * machine is busy, a photo burst costs Temporal one signal instead of one per photo, and when
 * it is idle nothing waits. If a hand-off fails, the agent's queued rows are left pending for
 * the reconciler, which hands them over in order: a later message never overtakes an earlier one.
 */
export class SenderHandOffs {
  private readonly queues = new Map<string, InboundRow[]>();

  constructor(
    private readonly background: BackgroundTasks,
    private readonly onError: (err: unknown, agencyId: string) => void,
  ) {}

  /** Queues rows just committed behind their senders' earlier ones. */
  enqueue(deps: DispatchDeps, agencyId: string, rows: InboundRow[]): void {
    for (const [phone, senderRows] of bySender(rows)) {
      const key = `${agencyId}:${phone}`;
      const queued = this.queues.get(key);
      if (queued) {
        queued.push(...senderRows);
        continue;
      }
      this.queues.set(key, [...senderRows]);
      this.background.run(
        () => this.drain(deps, agencyId, key),
        (err) => {
          this.queues.delete(key);
          this.onError(err, agencyId);
        },
        key,
      );
    }
  }

  private async drain(deps: DispatchDeps, agencyId: string, key: string): Promise<void> {
    for (;;) {
      const rows = this.queues.get(key)?.splice(0) ?? [];
      if (!rows.length) {
        this.queues.delete(key);
        return;
      }
      const { failed } = await dispatchRows(deps, agencyId, rows);
      if (failed) {
        this.queues.delete(key);
        return;
      }
    }
  }
}
