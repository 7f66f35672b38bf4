/**
 * `npm run test:suite`: starts the real services the tests talk to (a migrated template
 * database on the machine's Postgres, a Temporal dev server, MinIO), runs every
 * `*.test.ts` with Node's test runner, and stops the services whatever happened.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, type Service } from '../../scripts/services/process';
import { startTemporalDevServer } from '../../scripts/services/temporal';
import { startMinio } from '../../scripts/services/minio';
import { startStripeMock } from '../../scripts/services/stripeMock';
import { prepareTemplateDatabase, dropTemplateDatabase } from '../support/template';
import { buildDashboard } from '../../scripts/build-web';

const ROOT = path.resolve(__dirname, '../..');

function testFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'harness' ? [] : testFiles(full);
    return name.endsWith('.test.ts') ? [full] : [];
  });
}

async function main(): Promise<number> {
  const services: Service[] = [];
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'realty-test-'));
  const stopAll = async () => {
    for (const s of services.reverse()) await s.stop().catch(() => undefined);
    await dropTemplateDatabase().catch(() => undefined);
    rmSync(scratch, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  try {
    // The browser tests drive the dashboard as `npm start` serves it.
    await buildDashboard();
    const template = await prepareTemplateDatabase();
    const temporal = await startTemporalDevServer({ port: await freePort() });
    services.push(temporal);
    const minio = await startMinio({ port: await freePort(), dir: path.join(scratch, 'minio') });
    services.push(minio);
    const stripeMock = await startStripeMock({ port: await freePort() });
    services.push(stripeMock);

    const selected = process.argv.slice(2);
    const files = selected.length ? selected : testFiles(path.join(ROOT, 'test')).sort();
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      TEST_DB_TEMPLATE: template,
      TEMPORAL_ADDRESS: temporal.address,
      // WordPress, the doubles and stripe-mock run on this machine: outbound requests may reach
      // loopback (and nothing else private), as under `npm start`.
      OUTBOUND_ALLOW_PRIVATE: 'loopback',
      TEST_S3_ENDPOINT: minio.endpoint,
      TEST_S3_ACCESS_KEY_ID: minio.accessKeyId,
      TEST_S3_SECRET_ACCESS_KEY: minio.secretAccessKey,
      TEST_STRIPE_MOCK_URL: stripeMock.url,
    };
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
      { env, stdio: 'inherit', cwd: ROOT },
    );
    return await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  } finally {
    await stopAll();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
