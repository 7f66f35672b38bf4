/**
 * Work a request starts but does not wait for (handing webhooks to Temporal after the 200).
 * Shutdown drains it, so no hand-off is cut in half by a deploy.
 */
export class BackgroundTasks {
  private readonly inFlight = new Set<Promise<unknown>>();

  run(task: () => Promise<unknown>, onError: (err: unknown) => void): void {
    const p = task().catch(onError);
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }
}
