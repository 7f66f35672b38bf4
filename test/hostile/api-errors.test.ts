/**
 * Hostile cases: text that Postgres cannot store, a failure deep in the database, a signed
 * token with a malformed tenant. Each must get a precise answer, never a 500 that leaks how
 * the service is built, and the request log must record the status the client really got.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { SignJWT } from 'jose';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { signUp, startTestApi, type TestApi } from '../support/api';
import { seedAgency } from '../support/agency';
import { createApp } from '../../api/app';

let db: TestDatabase;
let api: TestApi;
let broken: TestDatabase;
let brokenApi: TestApi;

before(async () => {
  db = await createTestDatabase();
  // `npm start` runs in development mode: the mode that used to put stacks in 500 bodies.
  api = await startTestApi(db, { NODE_ENV: 'development' });
  broken = await createTestDatabase();
  brokenApi = await startTestApi(broken, { NODE_ENV: 'development' });
  // A database that fails under the API's feet, with an SQL error that names the statement.
  await broken.owner.raw('drop function rate_limit_take(text, integer, integer)');
});
after(async () => {
  await api.close();
  await brokenApi.close();
  await db.drop();
  await broken.drop();
});

test('a NUL byte or a lone surrogate in a sign-up name is stored cleaned, never a 500', async () => {
  const res = await api.request('POST', '/v1/auth/signup', {
    // Raw JSON, so the escapes reach the server as they would from a hostile client.
    rawBody:
      '{"agencyName":"Casa\\u0000 Nul","name":"Ana\\ud800 G\\u00f3mez\\u0000",' +
      '"email":"nul@hostile.test","password":"correct horse battery"}',
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(res.status, 202, JSON.stringify(res.body));
  const owner = await db.owner('users').where({ email: 'nul@hostile.test' }).first();
  assert.equal(owner.name, 'Ana\ufffd Gómez');
  const agency = await db.owner('agencies').where({ id: owner.agency_id }).first();
  assert.equal(agency.name, 'Casa Nul');
});

test('a NUL byte in an operator edit and in an app submission is cleaned, never a 500', async () => {
  const owner = await signUp(api, 'Nul Edits');
  const invited = await api.request('POST', '/v1/users/invitations', {
    token: owner.token,
    rawBody: '{"name":"Bo\\u0000b","role":"agent","whatsappPhone":"+34 600 999 111"}',
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(invited.status, 201, JSON.stringify(invited.body));
  assert.equal(invited.body.user.name, 'Bob');

  const form = new FormData();
  form.append('text', 'Flat\u0000 with a view');
  const submitted = await fetch(`${api.url}/v1/listings`, {
    method: 'POST',
    body: form,
    headers: { authorization: `Bearer ${owner.token}` },
  });
  const body = (await submitted.json()) as any;
  assert.equal(submitted.status, 201, JSON.stringify(body));
  const [message] = await db.owner('inbound_messages').where({ listing_id: body.listing.id });
  assert.equal(message.payload.text.body, 'Flat with a view');
});

test('a body nested a hundred thousand levels deep is 400 body_too_deep, not a 500', async () => {
  const owner = await signUp(api, 'Deep Realty');
  const res = await api.request('POST', '/v1/api-keys', {
    token: owner.token,
    rawBody: `{"name":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
    headers: { 'content-type': 'application/json' },
  });
  assert.equal(res.status, 400, JSON.stringify(res.body).slice(0, 200));
  assert.equal(res.body.error.code, 'body_too_deep');
});

test('a 500 carries a generic message and the request id, never a stack or SQL', async () => {
  const res = await brokenApi.request('POST', '/v1/auth/login', {
    body: { email: 'who@hostile.test', password: 'whatever it is' },
    headers: { 'x-request-id': 'hostile-request-0001' },
  });
  assert.equal(res.status, 500);
  assert.deepEqual(res.body, {
    error: {
      code: 'internal_error',
      message: 'Something went wrong on our side',
      requestId: 'hostile-request-0001',
    },
  });
  const text = JSON.stringify(res.body).toLowerCase();
  for (const leak of ['select', 'rate_limit_take', 'stack', '.ts:', 'does not exist']) {
    assert.ok(!text.includes(leak), `the body does not mention ${leak}`);
  }
});

test('the request log records the status the client got, errors included', async () => {
  const lines: Array<Record<string, unknown>> = [];
  const log = pino({ level: 'info' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  const server = createApp({ ...brokenApi.deps, log }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const answers = [
      await fetch(`${url}/v1/no-such-route`),
      await fetch(`${url}/v1/me`),
      await fetch(`${url}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"email":"who@hostile.test","password":"whatever it is"}',
      }),
      await fetch(`${url}/healthz`),
    ];
    assert.deepEqual(
      answers.map((a) => a.status),
      [404, 401, 500, 200],
    );
    const requests = lines.filter((l) => l.msg === 'request');
    assert.deepEqual(
      requests.map((l) => [l.path, l.status]),
      [
        ['/v1/no-such-route', 404],
        ['/v1/me', 401],
        ['/v1/auth/login', 500],
        ['/healthz', 200],
      ],
    );
    // The 500's details are in the log, under the same request id the client was given.
    const failure = lines.find((l) => l.msg === 'unhandled error');
    assert.ok(failure);
    assert.equal(failure.requestId, answers[2]!.headers.get('x-request-id'));
    assert.match(JSON.stringify(failure.err), /rate_limit_take/);
  } finally {
    await new Promise((r) => server.close(r));
  }
});

test('a well-signed token whose tenant or user is not a UUID is 401, not 500', async () => {
  const key = new TextEncoder().encode(api.deps.config.JWT_SECRET);
  const agency = await seedAgency(db, api.deps.secrets, { accessToken: 'x' });
  for (const [sub, tid] of [
    [agency.agentId, 'not-a-uuid'],
    ['1; drop table users', agency.agencyId],
  ]) {
    const token = await new SignJWT({ tid, role: 'agent' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(sub!)
      .setIssuer('realty-assistant')
      .setAudience('realty-api')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
    const res = await api.request('GET', '/v1/me', { token });
    assert.equal(res.status, 401, JSON.stringify(res.body));
    assert.equal(res.body.error.code, 'invalid_token');
  }
});
