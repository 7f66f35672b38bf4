/**
 * Hostile cases against accounts: reading password hashes through a routing function,
 * finding out whether an e-mail is registered, a stolen token after sign-out, and API keys
 * that outlive their purpose (too many rights, no end, a creator who has left).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { signUp, startTestApi, type TestApi } from '../support/api';

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

/** An owner and an admin of one agency, both signed in. */
async function agencyWithAdmin(name: string) {
  const owner = await signUp(api, name);
  const inv = await api.request('POST', '/v1/users/invitations', {
    token: owner.token,
    body: {
      name: 'Ada',
      email: `ada@${name.toLowerCase().replace(/\W/g, '')}.test`,
      role: 'admin',
    },
  });
  const admin = await api.request('POST', '/v1/auth/invitations/accept', {
    body: { token: inv.body.invitationToken, password: 'ada lovelace 1815' },
  });
  assert.equal(admin.status, 200);
  return {
    owner,
    adminId: inv.body.user.id as string,
    adminToken: admin.body.accessToken as string,
  };
}

test('the application role gets ids, never a password hash, from the login route', async () => {
  const owner = await signUp(api, 'Hash Realty');
  const { rows } = await db.app.raw('select * from route_login(?)', [owner.email]);
  assert.deepEqual(rows, [{ user_id: owner.userId, agency_id: owner.agencyId }]);
  assert.ok(!JSON.stringify(rows).includes('$argon2'));
});

test('sign-up answers a registered and a new e-mail alike', async () => {
  const owner = await signUp(api, 'Known Realty');
  const ask = (email: string) =>
    api.request('POST', '/v1/auth/signup', {
      body: { agencyName: 'Probe', name: 'P', email, password: 'probing password' },
    });
  const known = await ask(owner.email);
  const fresh = await ask('fresh-address@probe.test');
  assert.equal(known.status, fresh.status);
  assert.equal(known.body.status, fresh.body.status);
  assert.equal(
    known.body.message.replace(owner.email, '<email>'),
    fresh.body.message.replace('fresh-address@probe.test', '<email>'),
  );
  // Trying the chosen password says nothing either: both are "wrong e-mail or password".
  for (const email of [owner.email, 'fresh-address@probe.test']) {
    const login = await api.request('POST', '/v1/auth/login', {
      body: { email, password: 'probing password' },
    });
    assert.equal(login.status, 401);
    assert.equal(login.body.error.code, 'invalid_credentials');
  }
});

test('sign-out revokes the whole refresh family and the access token with it', async () => {
  const owner = await signUp(api, 'Signout Realty');
  const rotated = await api.request('POST', '/v1/auth/refresh', {
    body: { refreshToken: owner.refreshToken },
  });
  assert.equal(rotated.status, 200);
  const out = await api.request('POST', '/v1/auth/logout', {
    body: { refreshToken: rotated.body.refreshToken },
  });
  assert.equal(out.status, 204);
  const family = await db.owner('refresh_tokens').where({ user_id: owner.userId });
  assert.ok(family.length >= 2 && family.every((t) => t.revoked_at), 'every token revoked');
  for (const token of [owner.token, rotated.body.accessToken]) {
    const me = await api.request('GET', '/v1/me', { token });
    assert.equal(me.status, 401);
    assert.equal(me.body.error.code, 'signed_out');
  }
});

test('an API key is an agent unless asked, may expire, and dies with its creator', async () => {
  const { owner, adminId, adminToken } = await agencyWithAdmin('Keys Hostile');
  // Least privilege by default: an agent key cannot manage the agency.
  const plain = await api.request('POST', '/v1/api-keys', {
    token: owner.token,
    body: { name: 'portal import' },
  });
  assert.equal(plain.status, 201);
  assert.equal(plain.body.role, 'agent');
  const denied = await api.request('GET', '/v1/users', { token: plain.body.key });
  assert.equal(denied.status, 403);

  // Starter allows one key: revoke it to make room for the next case.
  await api.request('DELETE', `/v1/api-keys/${plain.body.id}`, { token: owner.token });
  const expiring = await api.request('POST', '/v1/api-keys', {
    token: adminToken,
    body: { name: 'crm sync', role: 'admin', expiresInDays: 30 },
  });
  assert.equal(expiring.status, 201, JSON.stringify(expiring.body));
  assert.ok(new Date(expiring.body.expiresAt).getTime() > Date.now() + 29 * 24 * 3600 * 1000);
  assert.equal((await api.request('GET', '/v1/users', { token: expiring.body.key })).status, 200);
  // A key cannot mint another key that would outlive its creator.
  const minted = await api.request('POST', '/v1/api-keys', {
    token: expiring.body.key,
    body: { name: 'key from a key' },
  });
  assert.equal(minted.status, 403);

  // The creator is demoted: the key acts with the creator's rights, not more.
  await api.request('PATCH', `/v1/users/${adminId}`, {
    token: owner.token,
    body: { role: 'agent' },
  });
  assert.equal((await api.request('GET', '/v1/users', { token: expiring.body.key })).status, 403);

  // Past its expiry the key is refused with its own code.
  await db
    .owner('api_keys')
    .where({ id: expiring.body.id })
    .update({ expires_at: new Date(Date.now() - 1000) });
  const expired = await api.request('GET', '/v1/me', { token: expiring.body.key });
  assert.equal(expired.status, 401);
  assert.equal(expired.body.error.code, 'api_key_expired');
  await db.owner('api_keys').where({ id: expiring.body.id }).update({ expires_at: null });
  assert.equal((await api.request('GET', '/v1/me', { token: expiring.body.key })).status, 200);

  // The creator is disabled: the key is revoked in the same statement.
  const disabled = await api.request('PATCH', `/v1/users/${adminId}`, {
    token: owner.token,
    body: { status: 'disabled' },
  });
  assert.equal(disabled.status, 200);
  const row = await db.owner('api_keys').where({ id: expiring.body.id }).first();
  assert.ok(row.revoked_at, 'revoked with its creator');
  const after = await api.request('GET', '/v1/me', { token: expiring.body.key });
  assert.equal(after.status, 401);
  assert.equal(after.body.error.code, 'invalid_api_key');
});
