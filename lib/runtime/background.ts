/**
 * Work a request starts but does not wait for (handing webhooks to Temporal after the 200).
 * Tasks that share a key run one after another, in the order they were started: two webhooks
 * of one agency answered moments apart must not hand their messages over out of order.
 * Shutdown drains it, so no hand-off is cut in half by a deploy.
 */
export class BackgroundTasks {
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly lastByKey = new Map<string, Promise<unknown>>();

  run(task: () => Promise<unknown>, onError: (err: unknown) => void, key?: string): void {
    const before = key === undefined ? undefined : this.lastByKey.get(key);
    // `before` never rejects (each task catches its own error), so the chain goes on.
    const p = (before ? before.then(task) : task()).catch(onError);
    this.inFlight.add(p);
    if (key !== undefined) this.lastByKey.set(key, p);
    void p.finally(() => {
      this.inFlight.delete(p);
      if (key !== undefined && this.lastByKey.get(key) === p) this.lastByKey.delete(key);
    });
  }

  /** Tasks started and not finished (the `pending_handoffs` metric). */
  get pending(): number {
    return this.inFlight.size;
  }

  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }
}
