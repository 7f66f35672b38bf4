import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FairGate } from '../../lib/runtime/fairGate';

/** A task that runs until released, recording when it started. */
function heldTask(started: string[], name: string) {
  let release: () => void = () => undefined;
  const done = new Promise<void>((r) => (release = r));
  return {
    run: async () => {
      started.push(name);
      await done;
      return name;
    },
    release: () => release(),
  };
}

test('no more than the limit run at once; a failed task frees its slot', async () => {
  const gate = new FairGate(2);
  let running = 0;
  let most = 0;
  const task = (fail: boolean) => async () => {
    running += 1;
    most = Math.max(most, running);
    await new Promise((r) => setTimeout(r, 5));
    running -= 1;
    if (fail) throw new Error('Temporal unavailable');
  };
  const results = await Promise.allSettled(
    Array.from({ length: 9 }, (_, i) => gate.run('agency-a', task(i % 3 === 0))),
  );
  assert.equal(most, 2);
  assert.equal(results.filter((r) => r.status === 'rejected').length, 3);
  assert.equal(gate.queued, 0);
});

test('a tenant that floods the gate waits behind its own work, not in front of another tenant', async () => {
  const gate = new FairGate(1);
  const started: string[] = [];
  const first = heldTask(started, 'a0');
  const running = gate.run('a', first.run);
  const flood = Array.from({ length: 5 }, (_, i) => heldTask(started, `a${i + 1}`));
  const floodDone = flood.map((t) => gate.run('a', t.run));
  const other = heldTask(started, 'b0');
  const otherDone = gate.run('b', other.run);
  assert.equal(gate.queued, 6);

  first.release();
  await running;
  // The slot goes to the other tenant, although five of a's work came before it.
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started, ['a0', 'b0']);
  other.release();
  assert.equal(await otherDone, 'b0');
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(started, ['a0', 'b0', 'a1']);
  for (const t of flood) t.release();
  await Promise.all(floodDone);
});
