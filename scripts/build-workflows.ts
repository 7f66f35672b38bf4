/**
 * Builds the workflow bundle ahead of time (`npm run build:workflows`, and the worker image):
 * the worker then loads dist/workflows/bundle.js instead of running webpack over workflows/ at
 * every start, which takes seconds and memory a worker should spend on work. The bundle is
 * what `bundleWorkflowCode` makes at start-up, so both paths run the same code; a stray import
 * (a Node built-in, the database) fails this build, not a worker in production.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { PREBUILT_WORKFLOW_BUNDLE, WORKFLOWS_DIR } from '../workers/workflowSource';

export async function buildWorkflowBundle(out = PREBUILT_WORKFLOW_BUNDLE): Promise<string> {
  const { code } = await bundleWorkflowCode({ workflowsPath: require.resolve(WORKFLOWS_DIR) });
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, code);
  return out;
}

if (require.main === module) {
  buildWorkflowBundle(process.argv[2]).then(
    (out) => console.log(`workflow bundle written to ${path.relative(process.cwd(), out)}`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
