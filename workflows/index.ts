/**
 * Every workflow the worker runs; the worker bundles this file for the sandbox
 * (`npm run build:workflows` prebuilds it for the worker image).
 *
 * VERSIONING: READ BEFORE CHANGING ANY WORKFLOW CODE
 * A listing's workflow and an agent's intake workflow stay open for months, so code you deploy
 * today replays histories that older code wrote. Replay must take exactly the same steps
 * (activities, timers, child workflows, signals sent, in the same order) up to where the
 * history ends, or the run fails with a determinism violation and the listing freezes.
 *
 * 1. Changes that keep the command sequence (a fix inside an activity, a new query, a log
 *    line, a longer timeout) need nothing.
 * 2. Any change that adds, removes or reorders a step, or changes its type or name, goes
 *    behind `patched('short-change-id')` (from @temporalio/workflow): new runs take the new
 *    branch, replays of runs that started earlier take the old one.
 *      if (patched('notify-beside-flow')) { ...new steps... } else { ...old steps... }
 *    Once no open run can still be on the old branch (check in the Temporal UI: no run
 *    started before the deploy is open), replace `patched` with `deprecatePatch('...')` and
 *    delete the old branch; a release later, remove the call. Never reuse a patch id.
 * 3. A change too big to patch (a new state machine) ships as a new workflow type, or with
 *    worker versioning: deploy the new code under a new build id (Worker Deployment
 *    Versioning) so runs pinned to the old build keep their old workers until they close.
 * 4. The net: test/workflows/versioning.test.ts and test/drafting/replay.test.ts replay the
 *    committed histories in test/workflows/histories/ against this code, and CI fails on a
 *    violation. After an intended change, re-record them (RECORD_HISTORIES=1, see those files)
 *    and say in the commit that the history changed.
 * 5. Workflow code imports no Node built-ins, no database, no activity values (types only);
 *    eslint.config.mjs enforces this for workflows/**.
 */
export { intakeWorkflow } from './intake/intakeWorkflow';
export { unknownSenderWorkflow } from './intake/unknownSenderWorkflow';
export { listingWorkflow } from './listing/listingWorkflow';
export { socialPostWorkflow } from './social/socialPostWorkflow';
