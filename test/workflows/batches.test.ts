import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inBatches } from '../../workflows/shared/batches';

test('per-item work runs at most a batch at a time, results in order', async () => {
  let inFlight = 0;
  let peak = 0;
  const results = await inBatches(
    Array.from({ length: 2100 }, (_, i) => i),
    50,
    async (n) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight -= 1;
      return n * 2;
    },
  );
  assert.equal(peak, 50);
  assert.deepEqual(
    results,
    Array.from({ length: 2100 }, (_, i) => i * 2),
  );
  await assert.rejects(
    inBatches([1], 0, async (n) => n),
    RangeError,
  );
});
