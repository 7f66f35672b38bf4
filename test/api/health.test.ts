import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestApi } from '../support/api';
import { freePort } from '../../scripts/services/process';

let db: TestDatabase;
before(async () => {
  db = await createTestDatabase();
});
after(async () => db.drop());

test('healthz is ok; readyz checks Postgres and Temporal', async () => {
  const api = await startTestApi(db);
  try {
    assert.deepEqual((await api.request('GET', '/healthz')).body, { status: 'ok' });
    const ready = await api.request('GET', '/readyz');
    assert.equal(ready.status, 200);
    assert.deepEqual(ready.body.checks, { database: 'ok', temporal: 'ok' });
  } finally {
    await api.close();
  }
});

test('readyz is 503 and names Temporal when Temporal is unreachable', async () => {
  const api = await startTestApi(db, { TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` });
  try {
    const ready = await api.request('GET', '/readyz');
    assert.equal(ready.status, 503);
    assert.deepEqual(ready.body.checks, { database: 'ok', temporal: 'unreachable' });
    assert.equal((await api.request('GET', '/healthz')).status, 200);
  } finally {
    await api.close();
  }
});

test('/openapi.json describes the API from the same schemas the handlers validate with', async () => {
  const api = await startTestApi(db);
  try {
    const res = await api.request('GET', '/openapi.json');
    assert.equal(res.status, 200);
    assert.equal(res.body.openapi, '3.1.0');
    const approve = res.body.paths['/v1/listings/{id}/approve'].post;
    assert.ok(approve.responses['409']);
    const patch =
      res.body.paths['/v1/listings/{id}'].patch.requestBody.content['application/json'].schema;
    assert.ok(
      patch.properties.fields.properties.ListPrice,
      'RESO field names come from the edit schema',
    );
    const signup =
      res.body.paths['/v1/auth/signup'].post.requestBody.content['application/json'].schema;
    assert.deepEqual([...signup.required].sort(), ['agencyName', 'email', 'name', 'password']);
    assert.ok(
      res.body.paths['/v1/listings'].post.requestBody.content['multipart/form-data'],
      'the app channel is multipart',
    );
    assert.ok(
      res.body.paths['/v1/wordpress-sites'].post.requestBody.content['application/json'].schema
        .properties,
    );
  } finally {
    await api.close();
  }
});
