/**
 * Hostile case: an agency points WordPress connection checks at a port that accepts and never
 * answers. Its checks must not queue on the agency's plan lock or hold connections: at most two
 * run at once (the rest are refused at once), and the agency's other work and other agencies
 * go on while they hang.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { signUp, startTestApi, type TestApi } from '../support/api';
import { eventually } from '../support/eventually';

let db: TestDatabase;
let api: TestApi;
let silent: net.Server;
const sockets = new Set<net.Socket>();

before(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db);
  // Accepts connections, reads, never writes a byte.
  silent = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  silent.listen(0, '127.0.0.1');
  await new Promise((r) => silent.once('listening', r));
});
after(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => silent.close(r));
  await api.close();
  await db.drop();
});

test('ten checks against a silent site: two wait, eight are refused, everyone else is served', async () => {
  const victim = await signUp(api, 'Silent Site Realty');
  const bystander = await signUp(api, 'Bystander Realty');
  const port = (silent.address() as AddressInfo).port;
  const connect = () =>
    api.request('POST', '/v1/wordpress-sites', {
      token: victim.token,
      body: {
        baseUrl: `http://127.0.0.1:${port}`,
        username: 'admin',
        applicationPassword: 'abcd efgh ijkl mnop qrst uvwx',
      },
    });
  const checks = Array.from({ length: 10 }, connect);
  const answered: Array<number | undefined> = Array(10).fill(undefined);
  checks.forEach(
    (c, i) =>
      void c.then(
        (r) => (answered[i] = r.status),
        () => undefined,
      ),
  );

  await eventually(async () => answered.filter((s) => s === 429).length === 8, 'eight refusals');
  await eventually(async () => sockets.size === 2, 'two checks waiting on the site');
  const refusal = await checks[answered.indexOf(429)]!;
  assert.equal(refusal.body.error.code, 'concurrency_limit');
  assert.ok(Number(refusal.headers.get('retry-after')) > 0);

  // While two checks hang: the same agency takes its plan lock for other work...
  const key = await api.request('POST', '/v1/api-keys', {
    token: victim.token,
    body: { name: 'works meanwhile' },
  });
  assert.equal(key.status, 201);
  // ...another agency is served, and no connection sits in a transaction.
  assert.equal((await api.request('GET', '/v1/me', { token: bystander.token })).status, 200);
  const idle = await db
    .owner('pg_stat_activity')
    .where({ datname: db.name })
    .whereLike('state', 'idle in transaction%');
  assert.equal(idle.length, 0);
  assert.equal(answered.filter((s) => s === undefined).length, 2, 'the two are still waiting');

  // The site hangs up: the two waiting checks are answered as unreachable, not 500.
  for (const s of sockets) s.destroy();
  const results = await Promise.all(checks);
  const waited = results.filter((r) => r.status !== 429);
  assert.equal(waited.length, 2);
  for (const r of waited) assert.equal(r.status, 422, JSON.stringify(r.body));
});
