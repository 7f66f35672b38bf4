import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../support/worker';
import { historyFromFile } from '../support/histories';

/**
 * Determinism guard: histories of real runs (test/workflows/histories/*.json, exported with
 * `temporal workflow show -o json`) replayed against today's workflow code. A change that
 * would make a running workflow take a different path (a new activity before an old one, a
 * different timer) fails here instead of in production.
 *
 * The listing histories and what each covers:
 * - listing-drafting-correction.json: receiving, a correction signalled with the start and
 *   applied during drafting, the notifications beside the flow, then waiting in review
 *   (recorded by test/drafting/workflow.test.ts).
 * - listing-review-decision.json: drafting, corrections applied by the review loop, an
 *   operator's edit Update (saved, re-checked), a reject Update, the run completing after its
 *   notification settled (test/drafting/workflow.test.ts).
 * - listing-published-lifecycle.json: approval through the API, publishing to WordPress, then
 *   edit (saved, republished), archive, republish Updates and refused commands
 *   (test/workflows/listingLifecycle.test.ts).
 * After an intended change, re-record with `RECORD_HISTORIES=1 npx tsx test/harness/run.ts
 * test/drafting/workflow.test.ts test/workflows/listingLifecycle.test.ts` (and patch with
 * `patched()` if runs of the old code may still be open).
 */
const DIR = path.resolve(__dirname, '../workflows/histories');

test('committed listing histories replay with the current workflow code', async () => {
  const files = readdirSync(DIR).filter((f) => f.startsWith('listing-') && f.endsWith('.json'));
  assert.ok(files.length > 0, 'at least one committed history');
  const histories = files.map((file) => ({
    workflowId: file,
    history: historyFromFile(path.join(DIR, file)),
  }));
  const results = Worker.runReplayHistories({ workflowBundle: await workflowBundle() }, histories);
  let replayed = 0;
  for await (const result of results) {
    assert.equal(result.error, undefined, `${result.workflowId}: ${String(result.error)}`);
    replayed += 1;
  }
  assert.equal(replayed, files.length);
});
