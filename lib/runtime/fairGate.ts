/**
 * At most `limit` tasks at a time, and when more wait, the next slot goes to the next tenant in
 * turn (round robin over tenants, first come first served within one): a tenant that floods the
 * gate waits behind its own work, never in front of another tenant's.
 */
export class FairGate {
  private running = 0;
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(readonly limit: number) {}

  async run<T>(tenant: string, task: () => Promise<T>): Promise<T> {
    if (this.running < this.limit) this.running += 1;
    else
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(tenant);
        if (queue) queue.push(resolve);
        else this.waiting.set(tenant, [resolve]);
      });
    try {
      return await task();
    } finally {
      this.release(tenant);
    }
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    let n = 0;
    for (const queue of this.waiting.values()) n += queue.length;
    return n;
  }

  /** Hands the freed slot to the longest-waiting tenant other than the one that just had it. */
  private release(finished: string): void {
    let next: string | undefined;
    for (const tenant of this.waiting.keys()) {
      next ??= tenant;
      if (tenant !== finished) {
        next = tenant;
        break;
      }
    }
    if (next === undefined) {
      this.running -= 1;
      return;
    }
    const queue = this.waiting.get(next)!;
    const resolve = queue.shift()!;
    // Served tenants go to the back of the turn order.
    this.waiting.delete(next);
    if (queue.length) this.waiting.set(next, queue);
    resolve(); // the slot passes on: `running` stays the same
  }
}
