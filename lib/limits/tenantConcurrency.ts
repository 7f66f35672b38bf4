/**
 * At most `perTenant` operations of one kind at a time for each agency, in this process. Used
 * for the work that waits on a client or a remote site (uploads, WordPress connection checks):
 * one agency's slow uploads or silent WordPress cannot take every slot, so the others' requests
 * still run. Per process on purpose: what it protects (the pool, sockets, memory) is per process.
 */
export class TenantConcurrency {
  private readonly running = new Map<string, number>();

  constructor(
    readonly kind: string,
    readonly perTenant: number,
  ) {}

  /** A release function, or undefined when the agency already has `perTenant` running. */
  tryAcquire(agencyId: string): (() => void) | undefined {
    const now = this.running.get(agencyId) ?? 0;
    if (now >= this.perTenant) return undefined;
    this.running.set(agencyId, now + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.running.get(agencyId) ?? 1) - 1;
      if (left <= 0) this.running.delete(agencyId);
      else this.running.set(agencyId, left);
    };
  }

  inUse(agencyId: string): number {
    return this.running.get(agencyId) ?? 0;
  }
}
