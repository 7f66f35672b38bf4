import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BackgroundTasks } from '../../lib/runtime/background';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('tasks with one key run in the order started, even when an earlier one is slower or fails', async () => {
  const background = new BackgroundTasks();
  const order: string[] = [];
  const errors: unknown[] = [];
  background.run(
    async () => {
      await pause(30);
      order.push('first');
      throw new Error('first failed');
    },
    (e) => errors.push(e),
    'agency-a',
  );
  background.run(
    async () => {
      order.push('second');
    },
    (e) => errors.push(e),
    'agency-a',
  );
  await background.drain();
  assert.deepEqual(order, ['first', 'second']);
  assert.equal(errors.length, 1);
});

test('tasks with different keys (or none) do not wait for each other', async () => {
  const background = new BackgroundTasks();
  const order: string[] = [];
  background.run(
    async () => {
      await pause(30);
      order.push('slow a');
    },
    () => undefined,
    'agency-a',
  );
  background.run(
    async () => {
      order.push('b');
    },
    () => undefined,
    'agency-b',
  );
  background.run(
    async () => {
      order.push('unkeyed');
    },
    () => undefined,
  );
  await background.drain();
  assert.deepEqual(order, ['b', 'unkeyed', 'slow a']);
});
