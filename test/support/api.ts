import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { createApp } from '../../api/app';
import type { ApiDeps } from '../../api/deps';
import { appConfigSchema, loadConfig, type AppConfig } from '../../lib/config';
import { createLogger } from '../../lib/log';
import { createAccessTokens } from '../../lib/auth/accessTokens';
import { createSecretBox } from '../../lib/crypto/secretBox';
import { createTemporal } from '../../lib/temporal/client';
import { createStorage } from '../../lib/storage';
import { BackgroundTasks } from '../../lib/runtime/background';
import { FairGate } from '../../lib/runtime/fairGate';
import { createStripeClient } from '../../lib/billing/stripeClient';
import { createDb } from '../../lib/db';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestDatabase } from './database';

export interface TestApi {
  url: string;
  deps: ApiDeps;
  /** The database it runs on (the owner connection reads what a mailer would send). */
  db: TestDatabase;
  request(method: string, path: string, opts?: RequestOpts): Promise<TestResponse>;
  close(): Promise<void>;
}

interface RequestOpts {
  token?: string;
  body?: unknown;
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
  /** Another loopback address to send from (127.0.0.2...), as a second client would. */
  localAddress?: string;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any;
}

export function testConfig(db: TestDatabase, overrides: Record<string, string> = {}): AppConfig {
  return loadConfig(appConfigSchema, {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATABASE_URL: db.appUrl,
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    STORAGE_URL_SECRET: randomBytes(32).toString('hex'),
    STORAGE_DIR: mkdtempSync(path.join(os.tmpdir(), 'realty-files-')),
    // Every test signs in from 127.0.0.1; the rate-limit tests set the real limits (scale 1).
    AUTH_RATE_LIMIT_SCALE: '100',
    ...overrides,
  });
}

/** The real API on an ephemeral loopback port, over the test database's application role. */
export async function startTestApi(
  db: TestDatabase,
  overrides: Record<string, string> = {},
): Promise<TestApi> {
  const config = testConfig(db, overrides);
  // An overridden DATABASE_URL (e.g. an unreachable one) gets its own pool.
  const ownDb = overrides.DATABASE_URL ? createDb(config.DATABASE_URL, 2) : undefined;
  const deps: ApiDeps = {
    config,
    db: ownDb ?? db.app,
    log: createLogger({ level: config.LOG_LEVEL, name: 'api-test' }),
    accessTokens: createAccessTokens(config.JWT_SECRET, config.ACCESS_TOKEN_TTL_SECONDS),
    secrets: createSecretBox(config.ENCRYPTION_KEY),
    temporal: createTemporal(config),
    storage: createStorage(config, config.PUBLIC_URL),
    background: new BackgroundTasks(),
    handOffs: new FairGate(config.HANDOFF_CONCURRENCY),
    stripe: createStripeClient(config),
  };
  const server: Server = createApp(deps).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    deps,
    db,
    async request(method, path, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.token) headers.authorization = `Bearer ${opts.token}`;
      let body: string | Buffer | undefined;
      if (opts.rawBody !== undefined) body = opts.rawBody;
      else if (opts.body !== undefined) {
        body = JSON.stringify(opts.body);
        headers['content-type'] ??= 'application/json';
      }
      // node:http rather than fetch: fetch may not set the Host header (subdomain tests do).
      const res = await new Promise<{ status: number; headers: Headers; text: string }>(
        (resolve, reject) => {
          const req = http.request(
            url + path,
            { method, headers, localAddress: opts.localAddress },
            (r) => {
              const chunks: Buffer[] = [];
              r.on('data', (c: Buffer) => chunks.push(c));
              r.on('end', () => {
                const h = new Headers();
                for (const [k, v] of Object.entries(r.headers))
                  if (typeof v === 'string') h.set(k, v);
                resolve({
                  status: r.statusCode ?? 0,
                  headers: h,
                  text: Buffer.concat(chunks).toString('utf8'),
                });
              });
            },
          );
          req.on('error', reject);
          req.end(body);
        },
      );
      const text = res.text;
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON: keep the text */
      }
      return { status: res.status, headers: res.headers, body: parsed };
    },
    async close() {
      await new Promise((r) => server.close(r));
      await deps.background.drain();
      await deps.temporal.close();
      await ownDb?.destroy();
    },
  };
}

/** The confirmation link the last sign-up of `email` queued for its inbox. */
export async function confirmationTokenFor(api: TestApi, email: string): Promise<string> {
  const mail = await api.db
    .owner('account_emails')
    .where({ to_email: email.toLowerCase(), kind: 'confirm_signup' })
    .orderBy('created_at', 'desc')
    .first();
  const token = /token=([^&]+)/.exec(mail?.link ?? '')?.[1];
  if (!token) throw new Error(`no confirmation e-mail for ${email}`);
  return token;
}

/** Signs up a fresh agency, confirms it from its inbox and returns its owner's tokens. */
export async function signUp(api: TestApi, agencyName: string) {
  const email = `${randomBytes(4).toString('hex')}@${agencyName.toLowerCase().replace(/\W/g, '')}.test`;
  const asked = await api.request('POST', '/v1/auth/signup', {
    body: { agencyName, name: 'Owner', email, password: 'correct horse battery' },
  });
  if (asked.status !== 202)
    throw new Error(`signup failed: ${asked.status} ${JSON.stringify(asked.body)}`);
  const res = await api.request('POST', '/v1/auth/signup/confirm', {
    body: { token: await confirmationTokenFor(api, email) },
  });
  if (res.status !== 201)
    throw new Error(`signup confirmation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    email,
    agencyId: res.body.agency.id as string,
    userId: res.body.user.id as string,
    token: res.body.accessToken as string,
    refreshToken: res.body.refreshToken as string,
  };
}
