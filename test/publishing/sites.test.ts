/**
 * Connecting WordPress sites through the API: the connection is checked against a real
 * WordPress (with and without the companion plugin) and refused with a precise code; the
 * application password is stored sealed and never returned.
 */
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { signUp, startTestApi, type TestApi } from '../support/api';
import { freePort } from '../../scripts/services/process';
import type { WordPressServer } from '../../scripts/services/wordpress';
import { adminApi, startTestWordPress } from './support';

let db: TestDatabase;
let api: TestApi;
let withPlugin: WordPressServer;
let plain: WordPressServer;

before(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db);
  [withPlugin, plain] = await Promise.all([startTestWordPress(true), startTestWordPress(false)]);
});
after(async () => {
  await Promise.all([withPlugin?.stop(), plain?.stop()]);
  await api?.close();
  await db?.drop();
});

/** An owner of a fresh agency on the Pro plan (3 sites, the property profile). */
async function proOwner(name = 'Casa Azul') {
  const owner = await signUp(api, name);
  await db.owner('subscriptions').where({ agency_id: owner.agencyId }).update({ plan: 'pro' });
  return owner;
}

const body = (wp: WordPressServer, extra: Record<string, unknown> = {}) => ({
  baseUrl: `${wp.baseUrl}/`,
  username: wp.username,
  // As WordPress shows it: groups of four separated by spaces.
  applicationPassword: wp.applicationPassword.replace(/(.{4})(?=.)/g, '$1 '),
  mappingProfile: 'property',
  ...extra,
});

const WRONG = 'abcd efgh ijkl mnop qrst uvwx';

test('a property site connects: stored sealed, listed, never shown, audited', async () => {
  const owner = await proOwner();
  const res = await api.request('POST', '/v1/wordpress-sites', {
    token: owner.token,
    body: body(withPlugin, { name: 'Main site' }),
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(res.body.baseUrl, withPlugin.baseUrl, 'trailing slash removed');
  assert.equal(res.body.mappingProfile, 'property');
  assert.equal(res.body.name, 'Main site');
  assert.deepEqual(res.body.wordpressUser.roles, ['administrator']);
  const text = JSON.stringify(res.body);
  assert.ok(
    !text.includes(withPlugin.applicationPassword.slice(0, 8)),
    'no password in the answer',
  );
  assert.ok(!/password/i.test(Object.keys(res.body).join()), 'no password field at all');

  const row = await db.owner('wordpress_sites').where({ id: res.body.id }).first();
  assert.match(row.app_password_encrypted, /^v1:/);
  assert.ok(!row.app_password_encrypted.includes(withPlugin.applicationPassword));
  assert.equal(api.deps.secrets.open(row.app_password_encrypted), withPlugin.applicationPassword);

  const list = await api.request('GET', '/v1/wordpress-sites', { token: owner.token });
  assert.equal(list.status, 200);
  assert.deepEqual(
    list.body.data.map((s: any) => [s.id, s.baseUrl, s.username]),
    [[res.body.id, withPlugin.baseUrl, 'admin']],
  );
  assert.ok(!JSON.stringify(list.body).includes('v1:'));

  const audit = await db
    .owner('audit_log')
    .where({ agency_id: owner.agencyId, action: 'wordpress_site.connected' })
    .first();
  assert.equal(audit.target_id, res.body.id);
  assert.ok(!JSON.stringify(audit.data).includes(withPlugin.applicationPassword));

  const again = await api.request('POST', '/v1/wordpress-sites', {
    token: owner.token,
    body: body(withPlugin),
  });
  assert.equal(again.status, 409);
  assert.equal(again.body.error.code, 'wordpress_site_exists');
});

test('a wrong application password is 422 wordpress_auth_failed, with or without the plugin', async () => {
  const owner = await proOwner();
  for (const [wp, wordpressCode] of [
    [withPlugin, 'incorrect_password'],
    [plain, 'rest_not_logged_in'],
  ] as const) {
    const res = await api.request('POST', '/v1/wordpress-sites', {
      token: owner.token,
      body: body(wp, { applicationPassword: WRONG, mappingProfile: 'posts' }),
    });
    assert.equal(res.status, 422, wp.baseUrl);
    assert.equal(res.body.error.code, 'wordpress_auth_failed');
    assert.equal(res.body.error.wordpressCode, wordpressCode);
    assert.match(res.body.error.message, /application password/);
  }
  assert.equal(
    (await db.owner('wordpress_sites').where({ agency_id: owner.agencyId })).length,
    0,
    'nothing is stored',
  );
});

test('the property profile on a site without the plugin is 422 wordpress_plugin_missing; posts works', async () => {
  const owner = await proOwner();
  const property = await api.request('POST', '/v1/wordpress-sites', {
    token: owner.token,
    body: body(plain),
  });
  assert.equal(property.status, 422);
  assert.equal(property.body.error.code, 'wordpress_plugin_missing');
  assert.match(property.body.error.message, /install and activate the Realty Assistant plugin/);

  const posts = await api.request('POST', '/v1/wordpress-sites', {
    token: owner.token,
    body: body(plain, { mappingProfile: 'posts' }),
  });
  assert.equal(posts.status, 201);
  assert.equal(posts.body.mappingProfile, 'posts');
});

test('an outdated plugin that lacks a field is 422 wordpress_plugin_outdated', async () => {
  const owner = await proOwner();
  const muDir = path.join(withPlugin.contentDir, 'mu-plugins');
  mkdirSync(muDir, { recursive: true });
  const mu = path.join(muDir, 'old-plugin.php');
  writeFileSync(
    mu,
    "<?php add_action('init', function () { unregister_post_meta('property', 'ra_StandardStatus'); }, 30);\n",
  );
  try {
    const res = await api.request('POST', '/v1/wordpress-sites', {
      token: owner.token,
      body: body(withPlugin),
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, 'wordpress_plugin_outdated');
    assert.deepEqual(res.body.error.missingFields, ['ra_StandardStatus']);
  } finally {
    rmSync(mu, { force: true });
  }
});

test('a user who cannot publish or upload is 422 wordpress_missing_capability', async () => {
  const owner = await proOwner();
  const wp = adminApi(plain);
  const user = await wp.call('POST', '/wp/v2/users', {
    username: 'contrib',
    email: 'contrib@example.test',
    password: 'x-not-used-1234',
    roles: ['contributor'],
  });
  assert.equal(user.status, 201);
  const app = await wp.call('POST', `/wp/v2/users/${user.body.id}/application-passwords`, {
    name: 'realty-assistant',
  });
  assert.equal(app.status, 201);
  const res = await api.request('POST', '/v1/wordpress-sites', {
    token: owner.token,
    body: {
      baseUrl: plain.baseUrl,
      username: 'contrib',
      applicationPassword: app.body.password,
      mappingProfile: 'posts',
    },
  });
  assert.equal(res.status, 422);
  assert.equal(res.body.error.code, 'wordpress_missing_capability');
  assert.deepEqual(res.body.error.missing, ['upload_files', 'publish_posts']);
  assert.deepEqual(res.body.error.roles, ['contributor']);
});

test('nothing listening, or not WordPress, is 422 wordpress_unreachable', async () => {
  const owner = await proOwner();
  const closed = await api.request('POST', '/v1/wordpress-sites', {
    token: owner.token,
    body: body(plain, { baseUrl: `http://127.0.0.1:${await freePort()}` }),
  });
  assert.equal(closed.status, 422);
  assert.equal(closed.body.error.code, 'wordpress_unreachable');
  assert.match(closed.body.error.message, /Could not reach/);

  // Our own API is a web server but not WordPress.
  const notWordPress = await api.request('POST', '/v1/wordpress-sites', {
    token: owner.token,
    body: body(plain, { baseUrl: api.url, mappingProfile: 'posts' }),
  });
  assert.equal(notWordPress.status, 422);
  assert.equal(notWordPress.body.error.code, 'wordpress_unreachable');
});

test('validation, roles and plan: 422 fields, agents 403, Starter cannot use property', async () => {
  const owner = await proOwner();
  const invalid = await api.request('POST', '/v1/wordpress-sites', {
    token: owner.token,
    body: { baseUrl: 'ftp://x', username: '', applicationPassword: 'short', mappingProfile: 'x' },
  });
  assert.equal(invalid.status, 422);
  assert.equal(invalid.body.error.code, 'validation_failed');
  assert.deepEqual(Object.keys(invalid.body.error.fields).sort(), [
    '/applicationPassword',
    '/baseUrl',
    '/mappingProfile',
    '/username',
  ]);

  const key = await api.request('POST', '/v1/api-keys', {
    token: owner.token,
    body: { name: 'agent key', role: 'agent' },
  });
  for (const [method, route] of [
    ['GET', '/v1/wordpress-sites'],
    ['POST', '/v1/wordpress-sites'],
  ] as const) {
    const res = await api.request(method, route, {
      token: key.body.key,
      ...(method === 'POST' ? { body: body(withPlugin) } : {}),
    });
    assert.equal(res.status, 403, `${method} ${route}`);
  }

  const starter = await signUp(api, 'Starter Homes');
  const refused = await api.request('POST', '/v1/wordpress-sites', {
    token: starter.token,
    body: body(withPlugin),
  });
  assert.equal(refused.status, 402);
  assert.equal(refused.body.error.code, 'plan_limit');
  assert.equal(refused.body.error.limit, 'property_mapping');
});

test('DELETE removes the site (and only the agency’s own)', async () => {
  const owner = await proOwner();
  const other = await proOwner('Other Realty');
  const created = await api.request('POST', '/v1/wordpress-sites', {
    token: owner.token,
    body: body(plain, { mappingProfile: 'posts' }),
  });
  assert.equal(created.status, 201);
  const foreign = await api.request('DELETE', `/v1/wordpress-sites/${created.body.id}`, {
    token: other.token,
  });
  assert.equal(foreign.status, 404);
  const removed = await api.request('DELETE', `/v1/wordpress-sites/${created.body.id}`, {
    token: owner.token,
  });
  assert.equal(removed.status, 204);
  const list = await api.request('GET', '/v1/wordpress-sites', { token: owner.token });
  assert.deepEqual(list.body.data, []);
  const gone = await api.request('DELETE', `/v1/wordpress-sites/${created.body.id}`, {
    token: owner.token,
  });
  assert.equal(gone.status, 404);
});
