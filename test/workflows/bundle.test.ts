import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { buildWorkflowBundle } from '../../scripts/build-workflows';
import { workflowSource } from '../../workers/workflowSource';
import { historyFromFile } from '../support/histories';

/**
 * The prebuilt workflow bundle (`npm run build:workflows`) is the same workflows the worker
 * would bundle at start: the committed histories replay against it; and a bundle older than
 * the workflow sources is never used.
 */
const HISTORIES = path.resolve(__dirname, 'histories');

test('the prebuilt bundle replays every committed history, and the worker takes it only while fresh', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'workflow-bundle-'));
  try {
    const codePath = await buildWorkflowBundle(path.join(dir, 'bundle.js'));
    const histories = readdirSync(HISTORIES)
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({ workflowId: f, history: historyFromFile(path.join(HISTORIES, f)) }));
    let replayed = 0;
    for await (const r of Worker.runReplayHistories({ workflowBundle: { codePath } }, histories)) {
      assert.equal(r.error, undefined, `${r.workflowId}: ${String(r.error)}`);
      replayed += 1;
    }
    assert.equal(replayed, histories.length);

    assert.deepEqual(workflowSource(codePath), { workflowBundle: { codePath } });
    utimesSync(codePath, new Date(0), new Date(0));
    assert.deepEqual(workflowSource(codePath), {
      workflowsPath: require.resolve('../../workflows'),
    });
    assert.deepEqual(workflowSource(path.join(dir, 'missing.js')), {
      workflowsPath: require.resolve('../../workflows'),
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
