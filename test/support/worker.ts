import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  NativeConnection,
  Worker,
  bundleWorkflowCode,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { createActivities, type ActivityDeps } from '../../activities';
import { createLogger } from '../../lib/log';
import { LocalStorage } from '../../lib/storage';
import type { SecretBox } from '../../lib/crypto/secretBox';
import { createGraphClient } from '../../lib/whatsapp/graphClient';
import type { Db } from '../../lib/db';
import { createLocalProvider } from '../../lib/ai/local';

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** Bundling takes seconds: once per test file. */
export const workflowBundle = () =>
  (bundle ??= bundleWorkflowCode({
    workflowsPath: require.resolve('../../workflows'),
    logger: quietBundlerLogger,
  }));

const quietBundlerLogger = {
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error: console.error,
  log() {},
};

export function testActivityDeps(db: Db, secrets: SecretBox, graphBaseUrl: string): ActivityDeps {
  return {
    db,
    log: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent', name: 'worker-test' }),
    storage: new LocalStorage({
      root: mkdtempSync(path.join(os.tmpdir(), 'realty-worker-')),
      publicUrl: 'http://127.0.0.1:1',
      urlSecret: randomBytes(32).toString('hex'),
      defaultTtlSeconds: 60,
    }),
    secrets,
    whatsapp: (token) => createGraphClient(graphBaseUrl, token),
    // Its own AI queue per test file: parallel files must not take each other's AI tasks.
    ai: { provider: createLocalProvider(), taskQueue: `test-ai-${randomBytes(6).toString('hex')}` },
  };
}

export interface RunningWorker {
  taskQueue: string;
  stop(): Promise<void>;
}

type Activities = ReturnType<typeof createActivities>;

/**
 * A real worker on the harness's Temporal dev server, polling a queue unique to the caller,
 * plus one on `deps.ai.taskQueue` for the AI activities (as production runs them apart).
 * `activities` wraps the real ones (to inject faults); `bundle` replaces the workflow bundle.
 */
export async function startTestWorker(
  deps: ActivityDeps,
  opts: {
    address?: string;
    taskQueue?: string;
    activities?: (real: Activities) => Activities;
    bundle?: WorkflowBundleWithSourceMap;
  } = {},
): Promise<RunningWorker> {
  const taskQueue = opts.taskQueue ?? `test-${randomBytes(6).toString('hex')}`;
  const connection = await NativeConnection.connect({
    address: opts.address ?? process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
  });
  const real = createActivities(deps);
  const activities = opts.activities ? opts.activities(real) : real;
  const workers = [
    await Worker.create({
      connection,
      taskQueue,
      workflowBundle: opts.bundle ?? (await workflowBundle()),
      activities,
    }),
  ];
  if (deps.ai.taskQueue !== taskQueue) {
    workers.push(await Worker.create({ connection, taskQueue: deps.ai.taskQueue, activities }));
  }
  const running = Promise.all(workers.map((w) => w.run()));
  return {
    taskQueue,
    async stop() {
      workers.forEach((w) => w.shutdown());
      await running;
      await connection.close();
    },
  };
}
