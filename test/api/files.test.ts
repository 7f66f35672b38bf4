import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestApi, type TestApi } from '../support/api';

let db: TestDatabase;
let api: TestApi;
before(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db);
});
after(async () => {
  await api.close();
  await db.drop();
});

const photo = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]);

test('a signed file URL serves the stored bytes with their content type', async () => {
  const key = 'agency-1/listings/l-1/cover.jpg';
  await api.deps.storage.put(key, photo, { contentType: 'image/jpeg' });
  const signed = new URL(await api.deps.storage.signedUrl(key));
  const res = await fetch(api.url + signed.pathname + signed.search);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'image/jpeg');
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), photo);
});

test('a tampered or unsigned file URL is 403 and a missing file is 404', async () => {
  const key = 'agency-1/listings/l-1/2.jpg';
  await api.deps.storage.put(key, photo, { contentType: 'image/jpeg' });
  const signed = new URL(await api.deps.storage.signedUrl(key));
  const tampered = signed.search.replace(
    /sig=([0-9a-f])/,
    (_, c: string) => `sig=${c === '0' ? '1' : '0'}`,
  );
  const bad = await api.request('GET', signed.pathname + tampered);
  assert.equal(bad.status, 403);
  assert.equal(bad.body.error.code, 'file_url_bad_signature');
  const unsigned = await api.request('GET', signed.pathname);
  assert.equal(unsigned.status, 403);
  assert.equal(unsigned.body.error.code, 'file_url_malformed');
  const otherKey = new URL(await api.deps.storage.signedUrl('agency-1/listings/l-1/missing.jpg'));
  assert.equal((await api.request('GET', otherKey.pathname + otherKey.search)).status, 404);
});
