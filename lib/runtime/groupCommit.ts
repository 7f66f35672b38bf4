/**
 * Group commit: callers submit items under a key (an agency) and each gets its own result, but
 * items that arrive while a flush for that key is in flight are written together by the next
 * one. The first item is flushed at once, so nothing waits when traffic is light; under load
 * batches grow by themselves and one transaction serves many requests (fewer round trips,
 * fewer WAL flushes). A failed flush rejects every item in it, so no caller takes a write
 * for done that was not.
 */
export class GroupCommit<K, I, R> {
  private readonly waiting = new Map<
    K,
    Array<{ item: I; resolve: (r: R) => void; reject: (e: unknown) => void }>
  >();
  private readonly flushing = new Set<K>();

  /** `flush` returns one result per item, in order; it gets at most `maxBatch` items at a time. */
  constructor(
    private readonly flush: (key: K, items: I[]) => Promise<R[]>,
    private readonly maxBatch = 500,
  ) {}

  submit(key: K, item: I): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const queue = this.waiting.get(key) ?? [];
      queue.push({ item, resolve, reject });
      this.waiting.set(key, queue);
      if (!this.flushing.has(key)) void this.drain(key);
    });
  }

  private async drain(key: K): Promise<void> {
    this.flushing.add(key);
    try {
      for (;;) {
        const queue = this.waiting.get(key);
        if (!queue?.length) break;
        const batch = queue.splice(0, this.maxBatch);
        if (!queue.length) this.waiting.delete(key);
        try {
          const results = await this.flush(
            key,
            batch.map((b) => b.item),
          );
          batch.forEach((b, i) => b.resolve(results[i] as R));
        } catch (err) {
          batch.forEach((b) => b.reject(err));
        }
      }
    } finally {
      this.flushing.delete(key);
    }
  }
}
