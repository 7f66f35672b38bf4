/**
 * Group commit: callers submit items under a key (an agency) and each gets its own result, but
 * items that arrive while a flush for that key is in flight are written together by the next
 * one. The first item is flushed at once, so nothing waits when traffic is light; under load
 * batches grow by themselves and one transaction serves many requests (fewer round trips,
 * fewer WAL flushes). A failed flush of several items is tried again item by item, so one item
 * the database refuses fails alone and never takes the others of its batch with it (when the
 * failure may be about an item: see `retryAlone`); an item that fails is rejected, so no caller takes a write for done that was not.
 */
export class GroupCommit<K, I, R> {
  private readonly waiting = new Map<
    K,
    Array<{ item: I; resolve: (r: R) => void; reject: (e: unknown) => void }>
  >();
  private readonly flushing = new Set<K>();

  /**
   * `flush` returns one result per item, in order; it gets at most `maxBatch` items at a time.
   * `retryAlone` says which failures may be about one item (a value the database refused)
   * rather than the store itself (connection lost): only those are worth one flush per item.
   */
  constructor(
    private readonly flush: (key: K, items: I[]) => Promise<R[]>,
    private readonly maxBatch = 500,
    private readonly retryAlone: (err: unknown) => boolean = () => false,
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
          if (batch.length > 1 && this.retryAlone(err)) await this.flushAlone(key, batch);
          else batch.forEach((b) => b.reject(err));
        }
      }
    } finally {
      this.flushing.delete(key);
    }
  }

  /** After a failed batch: each item in its own flush (its transaction rolled back whole). */
  private async flushAlone(
    key: K,
    batch: Array<{ item: I; resolve: (r: R) => void; reject: (e: unknown) => void }>,
  ): Promise<void> {
    for (const b of batch) {
      try {
        const [result] = await this.flush(key, [b.item]);
        b.resolve(result as R);
      } catch (err) {
        b.reject(err);
      }
    }
  }
}
