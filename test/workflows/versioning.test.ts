import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { workflowBundle } from '../support/worker';
import { historyFromFile } from '../support/histories';

/**
 * The versioning net for workflows that live for months (see the rule at the top of
 * workflows/index.ts): committed histories of real runs replay against today's code, and a
 * deliberately incompatible edit of the intake workflow is shown to fail that replay, while
 * the same edit behind `patched()` passes. Re-record after an intended change with
 * `RECORD_HISTORIES=1 npx tsx test/harness/run.ts test/workflows/intake.test.ts`.
 */
const ROOT = path.resolve(__dirname, '../..');
const HISTORIES = path.join(ROOT, 'test/workflows/histories');
const INTAKE = path.join(ROOT, 'workflows/intake/intakeWorkflow.ts');

const intakeHistories = () =>
  readdirSync(HISTORIES)
    .filter((f) => f.startsWith('intake-') && f.endsWith('.json'))
    .map((file) => ({ workflowId: file, history: historyFromFile(path.join(HISTORIES, file)) }));

async function replayAll(bundle: WorkflowBundleWithSourceMap) {
  const results: Array<{ workflowId: string; error: unknown }> = [];
  for await (const r of Worker.runReplayHistories({ workflowBundle: bundle }, intakeHistories()))
    results.push({ workflowId: r.workflowId, error: r.error });
  return results;
}

/**
 * Bundles a copy of the intake workflow with `edit` applied: the copy lives in a scratch
 * folder inside the repository (so packages resolve) and imports the real sibling modules.
 */
async function bundleEditedIntake(
  edit: (source: string) => string,
): Promise<WorkflowBundleWithSourceMap> {
  const scratchRoot = path.join(ROOT, '.data');
  mkdirSync(scratchRoot, { recursive: true });
  const dir = mkdtempSync(path.join(scratchRoot, 'versioning-'));
  try {
    const real = (spec: string) =>
      path.join(path.dirname(INTAKE), spec).replaceAll(path.sep, '/').replace(/\.ts$/, '');
    const source = readFileSync(INTAKE, 'utf8').replace(
      /from '(\.\.?\/[^']+)'/g,
      (_m, spec: string) => `from '${real(spec)}'`,
    );
    const edited = edit(source);
    assert.notEqual(edited, source, 'the edit applies to the current source');
    writeFileSync(path.join(dir, 'intakeWorkflow.ts'), edited);
    writeFileSync(
      path.join(dir, 'index.ts'),
      `export { intakeWorkflow } from './intakeWorkflow';\n`,
    );
    return await bundleWorkflowCode({
      workflowsPath: path.join(dir, 'index.ts'),
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} },
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// A new step before the submission: a run recorded before it took a different path.
const addTimerBeforeSubmission = (guard: string) => (source: string) =>
  source
    .replace('import {\n  condition,', 'import {\n  sleep,\n  condition,')
    .replace(
      'const listingId = uuid4();',
      `${guard} await sleep('1 second');\n    const listingId = uuid4();`,
    );

test('committed intake histories (grouping, continue-as-new) replay with the current code', async () => {
  const histories = intakeHistories().map((h) => h.workflowId);
  assert.ok(histories.includes('intake-grouping.json'));
  assert.ok(histories.includes('intake-continue-as-new.json'));
  const results = await replayAll(await workflowBundle());
  assert.equal(results.length, histories.length);
  for (const r of results) assert.equal(r.error, undefined, `${r.workflowId}: ${String(r.error)}`);
});

test('an incompatible change to the intake workflow fails replay of the committed histories', async () => {
  const results = await replayAll(await bundleEditedIntake(addTimerBeforeSubmission('')));
  const grouping = results.find((r) => r.workflowId === 'intake-grouping.json');
  assert.ok(
    grouping?.error instanceof DeterminismViolationError,
    `expected a determinism violation, got ${String(grouping?.error)}`,
  );
});

test('the same change behind patched() replays the old histories unchanged', async () => {
  const results = await replayAll(
    await bundleEditedIntake(addTimerBeforeSubmission("if (patched('pause-before-submit'))")),
  );
  for (const r of results) assert.equal(r.error, undefined, `${r.workflowId}: ${String(r.error)}`);
});
