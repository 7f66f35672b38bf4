/**
 * `npm start`: the whole system on one machine with nothing configured. Generates secrets
 * once, starts PostgreSQL (embedded unless DATABASE_URL is set) and a Temporal dev server
 * (unless TEMPORAL_ADDRESS is set), migrates, seeds a demo agency, runs the API and the worker
 * and prints where everything is. Ctrl-C stops it all in reverse order.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createDb } from '../lib/db';
import { createSecretBox } from '../lib/crypto/secretBox';
import { banner } from './start/banner';
import { spawnChild, type Child } from './start/children';
import { prepareDatabase } from './start/database';
import { Lifecycle } from './start/lifecycle';
import { errorText, fail, say, warn } from './start/log';
import { ROOT, readStartOptions } from './start/options';
import { assertPortFree } from './start/ports';
import { waitForReady } from './start/ready';
import { loadSecrets, secretsFile, type Secrets } from './start/secrets';
import { realWhatsAppFromEnv, seedDemo, type DemoLogin } from './start/seed';
import { prepareStorage } from './start/storage';
import { prepareTemporal } from './start/temporal';

const lifecycle = new Lifecycle();

/** Any process we depend on ending on its own takes the whole system down, non-zero. */
function watch(name: string, exited: Promise<number | void>): void {
  void exited.then((code) => {
    // Ctrl-C signals Postgres and Temporal directly, a moment before our own handler runs;
    // give that handler the chance to mark this as a requested stop before calling it a crash.
    setTimeout(() => {
      if (lifecycle.stopping) return;
      const how = typeof code === 'number' ? ` with code ${code}` : '';
      void lifecycle.shutdown(1, `${name} exited${how}`);
    }, 500);
  });
}

async function stopChildren(children: Child[]): Promise<void> {
  // One that already died was reported when it died; only a failed stop is news here.
  const running = children.filter((c) => c.running());
  const codes = await Promise.all(running.map(async (c) => [c.name, await c.stop()] as const));
  const failed = codes.filter(([, code]) => code !== 0);
  if (failed.length) {
    throw new Error(failed.map(([name, code]) => `${name} exited with code ${code}`).join(', '));
  }
}

async function seed(appUrl: string, secrets: Secrets): Promise<DemoLogin | undefined> {
  const db = createDb(appUrl, 2);
  try {
    return await seedDemo(db, {
      ownerPassword: secrets.DEMO_OWNER_PASSWORD,
      secrets: createSecretBox(secrets.ENCRYPTION_KEY),
      realWhatsApp: realWhatsAppFromEnv(),
    });
  } finally {
    await db.destroy();
  }
}

async function main(): Promise<void> {
  lifecycle.handleSignals();
  const options = readStartOptions();
  const secrets = loadSecrets(options.dataDir);
  say(`data directory ${options.dataDir}`);
  // Checked first so a busy API port fails in a second, not after Postgres and Temporal start.
  await assertPortFree(options.apiPort, 'PORT');

  const database = await prepareDatabase(lifecycle, {
    env: process.env,
    dataDir: options.dataDir,
    port: options.embeddedPgPort,
    superuserPassword: secrets.EMBEDDED_PG_PASSWORD,
    appPassword: secrets.APP_DB_PASSWORD,
  });
  if (database.embedded) watch('postgres', database.embedded.exited);
  // A signal during start-up: stop starting things (the Lifecycle stops what already runs).
  if (lifecycle.stopping) return;
  const temporal = await prepareTemporal(lifecycle, {
    env: process.env,
    dataDir: options.dataDir,
    port: options.temporalPort,
    uiPort: options.temporalUiPort,
    codecEndpoint: `${options.publicUrl}/codec`,
  });
  if (lifecycle.stopping) return;
  const storageEnv = await prepareStorage({
    env: process.env,
    dataDir: options.dataDir,
    publicUrl: options.publicUrl,
  });
  const demo = options.seedDemo ? await seed(database.appUrl, secrets) : undefined;
  if (lifecycle.stopping) return;

  // The API and worker read their settings from the environment (lib/config.ts).
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV || 'development',
    JWT_SECRET: secrets.JWT_SECRET,
    ENCRYPTION_KEY: secrets.ENCRYPTION_KEY,
    STORAGE_URL_SECRET: secrets.STORAGE_URL_SECRET,
    WHATSAPP_VERIFY_TOKEN: secrets.WHATSAPP_VERIFY_TOKEN,
    WHATSAPP_APP_SECRET: secrets.WHATSAPP_APP_SECRET,
    DATABASE_URL: database.appUrl,
    TEMPORAL_ADDRESS: temporal.address,
    ...(temporal.uiUrl ? { TEMPORAL_UI_URL: temporal.uiUrl } : {}),
    TEMPORAL_PAYLOAD_KEYS: process.env.TEMPORAL_PAYLOAD_KEYS ?? secrets.TEMPORAL_PAYLOAD_KEYS,
    // A WordPress on this machine (the demo's, a developer's) must be reachable.
    OUTBOUND_ALLOW_PRIVATE: process.env.OUTBOUND_ALLOW_PRIVATE ?? 'loopback',
    ...(temporal.uiUrl
      ? { TEMPORAL_CODEC_CORS_ORIGINS: process.env.TEMPORAL_CODEC_CORS_ORIGINS ?? temporal.uiUrl }
      : {}),
    ...storageEnv,
    PORT: String(options.apiPort),
    PUBLIC_URL: options.publicUrl,
  };
  const children = [spawnChild('api', 'api/server.ts', env)];
  if (existsSync(path.join(ROOT, 'workers/main.ts'))) {
    children.push(spawnChild('worker', 'workers/main.ts', env));
  } else {
    warn('workers/main.ts does not exist yet: running without a worker');
  }
  lifecycle.add(children.map((c) => c.name).join(' and '), () => stopChildren(children));
  for (const child of children) watch(child.name, child.exited);

  await waitForReady({
    url: options.localApiUrl,
    timeoutMs: options.readyTimeoutMs,
    cancelled: () => lifecycle.stopping,
  });
  if (lifecycle.stopping) return;
  process.stdout.write(
    banner({
      apiUrl: options.publicUrl,
      publicUrl: options.publicUrl,
      temporalUiUrl: temporal.uiUrl,
      verifyToken: secrets.WHATSAPP_VERIFY_TOKEN,
      demo,
      demoPassword: secrets.DEMO_OWNER_PASSWORD,
      dataDir: options.dataDir,
      secretsFile: secretsFile(options.dataDir),
    }),
  );
}

const startup = main();
lifecycle.trackStartup(startup);
startup.catch((err: unknown) => {
  // Once stopping, errors are the echo of servers going away under the start-up sequence.
  if (lifecycle.stopping) return;
  fail(errorText(err));
  void lifecycle.shutdown(1, 'start failed');
});
