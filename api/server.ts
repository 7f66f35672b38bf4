/**
 * The API process: builds the app from configuration, listens, and on SIGINT/SIGTERM stops in
 * order (stop accepting, finish in-flight requests, close Temporal, close the pool).
 */
import { createApp } from './app';
import type { ApiDeps } from './deps';
import { appConfigSchema, loadConfig } from '../lib/config';
import { createDb } from '../lib/db';
import { createLogger } from '../lib/log';
import { createAccessTokens } from '../lib/auth/accessTokens';
import { createSecretBox } from '../lib/crypto/secretBox';
import { createTemporal } from '../lib/temporal/client';
import { createStorage } from '../lib/storage';
import { onShutdown } from '../lib/runtime/shutdown';
import { startInboundReconciler } from '../lib/whatsapp/reconciler';
import { BackgroundTasks } from '../lib/runtime/background';
import { FairGate } from '../lib/runtime/fairGate';
import { createStripeClient } from '../lib/billing/stripeClient';

export function buildApiDeps(): ApiDeps {
  const config = loadConfig(appConfigSchema);
  return {
    config,
    db: createDb(config.DATABASE_URL, config.DATABASE_POOL_MAX),
    log: createLogger({ level: config.LOG_LEVEL, name: 'api' }),
    accessTokens: createAccessTokens(config.JWT_SECRET, config.ACCESS_TOKEN_TTL_SECONDS),
    secrets: createSecretBox(config.ENCRYPTION_KEY),
    temporal: createTemporal(config),
    storage: createStorage(config, config.PUBLIC_URL),
    background: new BackgroundTasks(),
    handOffs: new FairGate(config.HANDOFF_CONCURRENCY),
    stripe: createStripeClient(config),
  };
}

function main(): void {
  const deps = buildApiDeps();
  const { config, log } = deps;
  const server = createApp(deps).listen(config.PORT, config.HOST, () => {
    log.info({ url: config.PUBLIC_URL, port: config.PORT }, 'api listening');
  });
  // Longer than the idle timeout of whatever keeps connections to us open (a load balancer,
  // Meta's delivery pool): otherwise a request sent on a socket we are just closing is reset.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const stopReconciler = startInboundReconciler(
    {
      db: deps.db,
      temporal: deps.temporal,
      taskQueue: config.TASK_QUEUE_LISTINGS,
      log,
      quietWindowSeconds: config.INTAKE_QUIET_WINDOW_SECONDS,
      burstLimits: {
        maxMessages: config.INTAKE_MAX_MESSAGES,
        maxPhotos: config.INTAKE_MAX_PHOTOS,
      },
      handOffs: deps.handOffs,
      batchSignal: config.HANDOFF_BATCH_SIGNAL,
    },
    { intervalMs: config.INBOUND_REDRIVE_INTERVAL_SECONDS * 1000, graceSeconds: 5 },
  );
  onShutdown(log, [
    ['reconciler', stopReconciler],
    ['http', () => new Promise<void>((resolve) => server.close(() => resolve()))],
    ['hand-offs', () => deps.background.drain()],
    ['temporal', () => deps.temporal.close()],
    ['database', () => deps.db.destroy()],
  ]);
}

if (require.main === module) {
  try {
    main();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
