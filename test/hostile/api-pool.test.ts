/**
 * Hostile case: one agency's slow uploads must not slow another agency down. Ten multipart
 * uploads from one agency that never finish their bodies, while another agency calls /v1/me
 * and its WhatsApp webhook arrives; then three slow uploads with one API key at once.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestApi, type TestApi } from '../support/api';
import { seedAgency, type SeededAgency } from '../support/agency';
import { messageFrom } from '../support/whatsappFixtures';
import { eventually } from '../support/eventually';
import { mintApiKey } from '../../lib/accounts/apiKeys';
import { signMetaPayload } from '../../lib/whatsapp/signature';
import { slowUpload, tinyPng, type SlowUpload } from './slowUpload';

let db: TestDatabase;
let api: TestApi;
let slow: SeededAgency;
let other: SeededAgency;
let slowToken: string;
let otherToken: string;
const appSecret = `app-secret-${randomBytes(6).toString('hex')}`;
const open: SlowUpload[] = [];

before(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db, {
    WHATSAPP_APP_SECRET: appSecret,
    TASK_QUEUE_LISTINGS: `hostile-${randomBytes(4).toString('hex')}`,
  });
  slow = await seedAgency(db, api.deps.secrets, { accessToken: 'graph-token' });
  other = await seedAgency(db, api.deps.secrets, { accessToken: 'graph-token' });
  const issue = (a: SeededAgency) =>
    api.deps.accessTokens.issue({ userId: a.agentId, agencyId: a.agencyId, role: 'agent' });
  slowToken = await issue(slow);
  otherToken = await issue(other);
});
after(async () => {
  for (const u of open) u.abort();
  await api.close();
  await db.drop();
});

const storedPhotos = (agencyId: string): number => {
  const dir = path.join(api.deps.config.STORAGE_DIR, agencyId);
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter(
    (e) => e.isFile() && e.name.endsWith('.png'),
  ).length;
};

/** Connections of the application role that sit inside a transaction, waiting. */
const idleInTransaction = async (): Promise<number> =>
  (
    await db
      .owner('pg_stat_activity')
      .where({ datname: db.name })
      .whereLike('state', 'idle in transaction%')
  ).length;

async function sendWebhook(to: SeededAgency, text: string) {
  const { payload, id } = messageFrom('inbound_text__pywa', {
    phoneNumberId: to.phoneNumberId,
    from: to.agentPhone,
    text,
  });
  const raw = JSON.stringify(payload);
  const res = await api.request('POST', '/webhooks/whatsapp', {
    rawBody: raw,
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': signMetaPayload(appSecret, raw),
    },
  });
  return { res, id };
}

test('ten slow uploads of one agency leave the pool to everyone else, and nothing is lost', async () => {
  const photo = await tinyPng();
  const uploads = Array.from({ length: 10 }, () => slowUpload(api.url, slowToken, photo));
  open.push(...uploads);

  // Four are taken (each has stored its photo and waits for the rest of its body)...
  await eventually(async () => storedPhotos(slow.agencyId) === 4, 'four uploads in flight');
  // ...and six are refused at once, with a code and a time to come back.
  type Answer = Awaited<SlowUpload['response']>;
  const settled: Array<Answer | undefined> = uploads.map(() => undefined);
  uploads.forEach(
    (u, i) =>
      void u.response.then(
        (r) => (settled[i] = r),
        () => undefined,
      ),
  );
  await eventually(async () => settled.filter(Boolean).length === 6, 'six refusals');
  const refused = settled.filter((r): r is Answer => r !== undefined);
  for (const r of refused) {
    assert.equal(r.status, 429);
    assert.equal(r.body.error.code, 'concurrency_limit');
    assert.ok(Number(r.headers['retry-after']) > 0);
  }
  const inFlight = uploads.filter((_, i) => settled[i] === undefined);
  assert.equal(inFlight.length, 4);

  // While they are in flight: no connection is held in a transaction...
  assert.equal(await idleInTransaction(), 0);
  // ...another agency's requests and its webhook are answered, and the webhook is stored.
  const me = await api.request('GET', '/v1/me', { token: otherToken });
  assert.equal(me.status, 200);
  assert.equal(me.body.agency.id, other.agencyId);
  const hook = await sendWebhook(other, 'Two bedroom flat, 1200 USD');
  assert.equal(hook.res.status, 200);
  const stored = await db
    .owner('inbound_messages')
    .where({ agency_id: other.agencyId, provider_message_id: hook.id })
    .first();
  assert.ok(stored, 'the webhook message is stored');
  // The uploads are still open: none of them has been answered yet.
  const stillOpen = await Promise.all(
    inFlight.map((u) => Promise.race([u.response, Promise.resolve(undefined)])),
  );
  assert.deepEqual(stillOpen, [undefined, undefined, undefined, undefined]);

  for (const u of inFlight) u.finish();
  const done = await Promise.all(inFlight.map((u) => u.response));
  assert.deepEqual(
    done.map((d) => d.status),
    [201, 201, 201, 201],
    JSON.stringify(done.map((d) => d.body)),
  );
  // The refused ones come back when told to, and are taken: ten uploads, ten listings.
  const again: number[] = [];
  for (let i = 0; i < refused.length; i++) {
    const retry = slowUpload(api.url, slowToken, photo);
    open.push(retry);
    retry.finish();
    again.push((await retry.response).status);
  }
  assert.deepEqual(again, [201, 201, 201, 201, 201, 201]);
  assert.equal((await db.owner('listings').where({ agency_id: slow.agencyId })).length, 10);
});

test('three slow requests with one API key run at the same time', async () => {
  const minted = mintApiKey();
  await db.owner('api_keys').insert({
    agency_id: other.agencyId,
    name: 'portal import',
    role: 'agent',
    prefix: minted.prefix,
    key_hash: minted.hash,
  });
  const photo = await tinyPng();
  const before = storedPhotos(other.agencyId);
  const uploads = [1, 2, 3].map(() => slowUpload(api.url, minted.key, photo));
  open.push(...uploads);
  // All three are inside the handler at once (each has stored its photo)...
  await eventually(async () => storedPhotos(other.agencyId) === before + 3, 'three in flight');
  // ...and a fourth request with the same key is answered while they are open.
  const me = await api.request('GET', '/v1/me', { token: minted.key });
  assert.equal(me.status, 200);
  assert.equal(await idleInTransaction(), 0);
  for (const u of uploads) u.finish();
  const done = await Promise.all(uploads.map((u) => u.response));
  assert.deepEqual(
    done.map((d) => d.status),
    [201, 201, 201],
  );
  const key = await db.owner('api_keys').where({ prefix: minted.prefix }).first();
  assert.ok(key.last_used_at, 'use is still recorded');
});
