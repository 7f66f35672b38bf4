/**
 * Runs `work` over `items` with at most `size` in flight, keeping the results in order. A
 * workflow that schedules one activity per message or photo must not schedule them all at once:
 * Temporal fails the workflow task past 2,000 pending activities
 * (PendingActivitiesLimitExceeded) and the run wedges. Deterministic: batches start in order.
 */
export async function inBatches<T, R>(
  items: readonly T[],
  size: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError('batch size must be at least 1');
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    const batch = items.slice(start, start + size);
    results.push(...(await Promise.all(batch.map((item, i) => work(item, start + i)))));
  }
  return results;
}

/** Batch size for per-item activities (storeMedia, analysePhoto): far under Temporal's 2,000. */
export const ACTIVITY_BATCH = 50;
