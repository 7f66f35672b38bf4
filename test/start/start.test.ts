/**
 * The README's start command, end to end: `scripts/start.ts` on a throwaway data directory and
 * free ports brings up embedded Postgres, a Temporal dev server, the API and the worker; the
 * printed demo login works; SIGTERM stops everything and leaves no server behind.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { freePort } from '../../scripts/services/process';
import { isListening } from '../../scripts/start/ports';

const ROOT = path.resolve(__dirname, '../..');
const BANNER_TIMEOUT_MS = 90_000;

async function distinctFreePorts(n: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < n) ports.add(await freePort());
  return [...ports];
}

/** The test harness points TEMPORAL_ADDRESS at its own server; `npm start` must not see it. */
function startEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...overrides };
  for (const name of [
    'DATABASE_URL',
    'DATABASE_MIGRATION_URL',
    'TEMPORAL_ADDRESS',
    'TEMPORAL_UI_URL',
    'NODE_ENV',
    'HOST',
    'PUBLIC_URL',
    'STORAGE_DRIVER',
    'STORAGE_DIR',
    'S3_BUCKET',
    'SEED_DEMO',
  ]) {
    delete env[name];
  }
  return env;
}

function waitForBanner(child: ChildProcess, output: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no banner in ${BANNER_TIMEOUT_MS} ms:\n${output()}`)),
      BANNER_TIMEOUT_MS,
    );
    const check = () => {
      if (output().includes('Press Ctrl-C to stop.')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`start exited (${code}) before the banner:\n${output()}`));
    });
  });
}

const field = (text: string, label: string) => {
  const value = new RegExp(`^\\s+${label}\\s+(\\S+)\\s*$`, 'm').exec(text)?.[1];
  assert.ok(value, `banner shows ${label}`);
  return value;
};

test(
  'npm start serves the demo agency and stops cleanly on SIGTERM',
  { timeout: 240_000 },
  async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'realty-start-'));
    const [pgPort, apiPort, temporalPort, uiPort] = (await distinctFreePorts(4)) as [
      number,
      number,
      number,
      number,
    ];
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: ROOT,
      env: startEnv({
        REALTY_DATA_DIR: dataDir,
        EMBEDDED_PG_PORT: String(pgPort),
        PORT: String(apiPort),
        TEMPORAL_PORT: String(temporalPort),
        TEMPORAL_UI_PORT: String(uiPort),
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    after(() => {
      // Only if an assertion failed midway: never leave the stack running.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    });

    await waitForBanner(child, () => output);
    const api = `http://127.0.0.1:${apiPort}`;
    assert.match(output, new RegExp(`Dashboard\\s+${api}/app/`));
    assert.match(output, new RegExp(`WhatsApp webhook\\s+${api}/webhooks/whatsapp`));
    assert.match(output, new RegExp(`Temporal UI\\s+http://127.0.0.1:${uiPort}`));

    const ready = await fetch(`${api}/readyz`);
    assert.equal(ready.status, 200);

    const email = field(output, 'Demo e-mail');
    const password = field(output, 'Demo password');
    assert.equal(email, 'owner@demo.realty');
    const login = await fetch(`${api}/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    assert.equal(login.status, 200, await login.clone().text());
    const { accessToken } = (await login.json()) as { accessToken: string };
    const me = await fetch(`${api}/v1/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    assert.equal(me.status, 200);
    const body = (await me.json()) as { agency: { name: string }; role: string };
    assert.equal(body.agency.name, 'Demo Realty');
    assert.equal(body.role, 'owner');

    child.kill('SIGTERM');
    assert.equal(await exited, 0, output);
    for (const [name, port] of [
      ['api', apiPort],
      ['postgres', pgPort],
      ['temporal', temporalPort],
      ['temporal ui', uiPort],
    ] as const) {
      assert.equal(await isListening(port), false, `${name} still listens on ${port}`);
    }
    // Postgres removes its lock file only on a clean shutdown.
    assert.equal(existsSync(path.join(dataDir, 'postgres/postmaster.pid')), false);
  },
);
