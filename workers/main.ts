/**
 * The worker process: polls the configured task queues and runs workflows and activities.
 * In production each queue can run in its own deployment (`WORKER_TASK_QUEUES=ai` scales AI
 * work apart from orchestration); `npm start` runs all three in one process.
 */
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  type LogLevel,
} from '@temporalio/worker';
import { loadConfig, workerConfigSchema, type WorkerConfig } from '../lib/config';
import { createDb } from '../lib/db';
import { createLogger, type Logger } from '../lib/log';
import { createStorage } from '../lib/storage';
import { createSecretBox } from '../lib/crypto/secretBox';
import { createGraphClient } from '../lib/whatsapp/graphClient';
import { createAIProvider } from '../lib/ai';
import { createActivities, type ActivityDeps } from '../activities';
import { onShutdown } from '../lib/runtime/shutdown';

const PINO_LEVEL: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** Routes the Temporal runtime's own logs (and workflow/activity loggers) into pino. */
/** The SDK warns this on every activity-only queue (ai, publishing): that is their design. */
const NO_WORKFLOWS = 'No workflows registered, not polling for workflow tasks';

function installRuntimeLogger(log: Logger): void {
  Runtime.install({
    logger: new DefaultLogger('INFO', (entry) =>
      log[entry.message === NO_WORKFLOWS ? 'debug' : PINO_LEVEL[entry.level]](
        entry.meta ?? {},
        entry.message,
      ),
    ),
  });
}

export function buildActivityDeps(config: WorkerConfig, log: Logger): ActivityDeps {
  return {
    db: createDb(config.DATABASE_URL, config.DATABASE_POOL_MAX),
    log,
    storage: createStorage(config, config.PUBLIC_URL),
    secrets: createSecretBox(config.ENCRYPTION_KEY),
    whatsapp: (token) => createGraphClient(config.WHATSAPP_GRAPH_URL, token),
    whatsappTemplate: {
      name: config.WHATSAPP_TEMPLATE_LISTING_UPDATE,
      ...(config.WHATSAPP_TEMPLATE_LANGUAGE
        ? { languageCode: config.WHATSAPP_TEMPLATE_LANGUAGE }
        : {}),
    },
    ai: { provider: createAIProvider(config), taskQueue: config.TASK_QUEUE_AI },
    publishing: { taskQueue: config.TASK_QUEUE_PUBLISHING },
  };
}

async function main(): Promise<void> {
  const config = loadConfig(workerConfigSchema);
  const log = createLogger({ level: config.LOG_LEVEL, name: 'worker' });
  installRuntimeLogger(log);
  const deps = buildActivityDeps(config, log);
  const connection = await NativeConnection.connect({
    address: config.TEMPORAL_ADDRESS,
    ...(config.TEMPORAL_API_KEY ? { apiKey: config.TEMPORAL_API_KEY, tls: true } : {}),
  });
  const activities = createActivities(deps);
  const queues = config.WORKER_TASK_QUEUES.split(',')
    .map((q) => q.trim())
    .filter(Boolean);
  const workers = await Promise.all(
    queues.map((queue) =>
      Worker.create({
        connection,
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: queue,
        // Workflows run where orchestration runs; the other queues carry activities only.
        ...(queue === config.TASK_QUEUE_LISTINGS
          ? { workflowsPath: require.resolve('../workflows') }
          : {}),
        activities,
      }),
    ),
  );
  const running = Promise.all(workers.map((w) => w.run()));
  onShutdown(log, [
    // Stop polling, let in-flight tasks finish, then close what they used.
    [
      'workers',
      async () => {
        workers.forEach((w) => w.shutdown());
        await running;
      },
    ],
    ['temporal', () => connection.close()],
    ['database', () => deps.db.destroy()],
  ]);
  log.info({ queues, address: config.TEMPORAL_ADDRESS }, 'worker polling');
  await running;
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
