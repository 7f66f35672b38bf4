import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { signUp, startTestApi, type TestApi } from '../support/api';
import { adminApi, startTestWordPress } from '../publishing/support';
import type { WordPressServer } from '../../scripts/services/wordpress';

let db: TestDatabase;
let api: TestApi;
let wp: WordPressServer;
before(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db);
  wp = await startTestWordPress(false);
});
after(async () => {
  await api.close();
  await wp.stop();
  await db.drop();
});

test('test connection and a replaced application password are checked live against WordPress', async () => {
  const owner = await signUp(api, 'Press Realty');
  const made = await adminApi(wp).call('POST', '/wp/v2/users/me/application-passwords', {
    name: 'first',
  });
  const site = await api.request('POST', '/v1/wordpress-sites', {
    token: owner.token,
    body: { baseUrl: wp.baseUrl, username: wp.username, applicationPassword: made.body.password },
  });
  assert.equal(site.status, 201, JSON.stringify(site.body));
  const check = () =>
    api.request('POST', `/v1/wordpress-sites/${site.body.id}/check`, { token: owner.token });
  assert.equal((await check()).status, 200);

  // WordPress's administrator revokes it: the check says so, with the live check's code.
  await adminApi(wp).call('DELETE', `/wp/v2/users/me/application-passwords/${made.body.uuid}`);
  const broken = await check();
  assert.equal(broken.status, 422);
  assert.equal(broken.body.error.code, 'wordpress_auth_failed');
  assert.match(broken.body.error.message, /application password/);

  // A wrong replacement is refused and the stored one is left alone.
  const before = await db.owner('wordpress_sites').where({ id: site.body.id }).first();
  const wrong = await api.request('PATCH', `/v1/wordpress-sites/${site.body.id}`, {
    token: owner.token,
    body: { applicationPassword: 'abcd efgh ijkl mnop qrst uvwx' },
  });
  assert.equal(wrong.status, 422);
  assert.equal(wrong.body.error.code, 'wordpress_auth_failed');
  const unchanged = await db.owner('wordpress_sites').where({ id: site.body.id }).first();
  assert.equal(unchanged.app_password_encrypted, before.app_password_encrypted);

  // The new one works, is sealed, and is never returned.
  const fresh = await adminApi(wp).call('POST', '/wp/v2/users/me/application-passwords', {
    name: 'second',
  });
  const fixed = await api.request('PATCH', `/v1/wordpress-sites/${site.body.id}`, {
    token: owner.token,
    body: { applicationPassword: fresh.body.password },
  });
  assert.equal(fixed.status, 200, JSON.stringify(fixed.body));
  // WordPress shows it in groups of four; it is stored without the spaces.
  const compact = (fresh.body.password as string).replace(/\s+/g, '');
  assert.equal(JSON.stringify(fixed.body).includes(compact), false);
  const row = await db.owner('wordpress_sites').where({ id: site.body.id }).first();
  assert.equal(api.deps.secrets.open(row.app_password_encrypted), compact);
  assert.equal((await check()).status, 200);
  const audit = await db
    .owner('audit_log')
    .where({ target_id: site.body.id, action: 'wordpress_site.updated' });
  assert.equal(audit.length, 1, 'only the accepted change is audited');
});
