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
import { workflowSource } from './workflowSource';
import { temporalConnectionOptions, temporalDataConverter } from '../lib/temporal/connection';
import { activityMetrics, workerTelemetry } from '../lib/metrics/workerMetrics';
import { installTracing } from '../lib/metrics/tracing';

const PINO_LEVEL: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** The SDK warns this on every activity-only queue (ai, publishing): that is their design. */
const NO_WORKFLOWS = 'No workflows registered, not polling for workflow tasks';

/**
 * Routes the Temporal runtime's own logs (and workflow/activity loggers) into pino, and serves
 * its Prometheus metrics (with ours, lib/metrics/workerMetrics.ts) when an address is set.
 */
function installRuntime(log: Logger, metricsAddress: string | undefined): void {
  const telemetryOptions = workerTelemetry(metricsAddress);
  Runtime.install({
    logger: new DefaultLogger('INFO', (entry) =>
      log[entry.message === NO_WORKFLOWS ? 'debug' : PINO_LEVEL[entry.level]](
        entry.meta ?? {},
        entry.message,
      ),
    ),
    ...(telemetryOptions ? { telemetryOptions } : {}),
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
    ai: {
      provider: createAIProvider(config),
      taskQueue: config.TASK_QUEUE_AI,
      ...(config.DRAFTING_ATTEMPT_TIMEOUT_SECONDS
        ? { attemptTimeoutSeconds: config.DRAFTING_ATTEMPT_TIMEOUT_SECONDS }
        : {}),
    },
    publishing: {
      taskQueue: config.TASK_QUEUE_PUBLISHING,
      heartbeatTimeoutSeconds: config.PUBLISHING_HEARTBEAT_SECONDS,
    },
    social: { graphUrl: config.SOCIAL_GRAPH_URL ?? config.WHATSAPP_GRAPH_URL },
  };
}

async function main(): Promise<void> {
  const config = loadConfig(workerConfigSchema);
  const log = createLogger({ level: config.LOG_LEVEL, name: 'worker' });
  installRuntime(log, config.WORKER_METRICS_ADDRESS);
  const deps = buildActivityDeps(config, log);
  const connection = await NativeConnection.connect(temporalConnectionOptions(config));
  const dataConverter = temporalDataConverter(config);
  const tracing = installTracing('realty-worker');
  if (!dataConverter.payloadCodecs && config.NODE_ENV === 'production')
    log.warn('TEMPORAL_PAYLOAD_KEYS is unset: workflow payloads are stored in plaintext');
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
        dataConverter,
        // Workflows run where orchestration runs; the other queues carry activities only.
        // A prebuilt bundle lacks the tracing interceptors: with tracing on, bundle at start.
        ...(queue === config.TASK_QUEUE_LISTINGS
          ? tracing
            ? { workflowsPath: require.resolve('../workflows') }
            : workflowSource()
          : {}),
        activities,
        interceptors: { activity: [activityMetrics] },
        ...(tracing ? { plugins: [tracing.plugin] } : {}),
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
    ...(tracing ? [['traces', () => tracing.shutdown()] as [string, () => Promise<void>]] : []),
    ['database', () => deps.db.destroy()],
  ]);
  log.info(
    { queues, address: config.TEMPORAL_ADDRESS, metrics: config.WORKER_METRICS_ADDRESS },
    'worker polling',
  );
  await running;
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
