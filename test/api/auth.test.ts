import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SignJWT } from 'jose';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { confirmationTokenFor, signUp, startTestApi, type TestApi } from '../support/api';

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

describe('sign-up and login', () => {
  test('sign-up creates the agency, its owner, a Starter subscription and a session', async () => {
    const owner = await signUp(api, 'Casa Alta');
    const me = await api.request('GET', '/v1/me', { token: owner.token });
    assert.equal(me.status, 200);
    assert.equal(me.body.agency.name, 'Casa Alta');
    assert.equal(me.body.user.role, 'owner');
    assert.equal(me.body.user.password_hash, undefined);
    const sub = await db.owner('subscriptions').where({ agency_id: owner.agencyId }).first();
    assert.equal(sub.plan, 'starter');
    const user = await db.owner('users').where({ id: owner.userId }).first();
    assert.match(user.password_hash, /^\$argon2id\$/);
    const actions = await db
      .owner('audit_log')
      .where({ agency_id: owner.agencyId })
      .pluck('action');
    assert.deepEqual(actions.sort(), ['agency.created', 'user.signed_in']);
  });

  test('login with the right password signs in and is audited; a wrong one is 401', async () => {
    const owner = await signUp(api, 'Login Realty');
    const ok = await api.request('POST', '/v1/auth/login', {
      body: { email: owner.email.toUpperCase(), password: 'correct horse battery' },
    });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.tokenType, 'Bearer');
    assert.equal((await api.request('GET', '/v1/me', { token: ok.body.accessToken })).status, 200);

    const bad = await api.request('POST', '/v1/auth/login', {
      body: { email: owner.email, password: 'wrong password!' },
    });
    assert.equal(bad.status, 401);
    assert.equal(bad.body.error.code, 'invalid_credentials');
    const unknown = await api.request('POST', '/v1/auth/login', {
      body: { email: 'nobody@x.test', password: 'whatever123' },
    });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.body.error.code, 'invalid_credentials');
    const logins = await db
      .owner('audit_log')
      .where({ agency_id: owner.agencyId, action: 'user.signed_in' });
    assert.equal(logins.length, 2);
  });

  test('sign-up answers alike for a known e-mail: nothing changes, the owner gets a notice', async () => {
    const owner = await signUp(api, 'Dupe Homes');
    const fresh = await api.request('POST', '/v1/auth/signup', {
      body: {
        agencyName: 'New',
        name: 'N',
        email: 'nobody-yet@dupe.test',
        password: 'a long password',
      },
    });
    const known = await api.request('POST', '/v1/auth/signup', {
      body: {
        agencyName: 'Other',
        name: 'X',
        email: owner.email,
        password: 'another long password',
      },
    });
    assert.equal(known.status, 202);
    assert.equal(fresh.status, 202);
    assert.deepEqual(Object.keys(known.body).sort(), Object.keys(fresh.body).sort());
    assert.equal(known.body.status, fresh.body.status);
    const agencies = await db.owner('users').where({ email: owner.email });
    assert.equal(agencies.length, 1, 'no second account');
    const notice = await db
      .owner('account_emails')
      .where({ agency_id: owner.agencyId, kind: 'signup_attempt' });
    assert.equal(notice.length, 1);
    // The stranger's password does not sign in to the real account.
    const stranger = await api.request('POST', '/v1/auth/login', {
      body: { email: owner.email, password: 'another long password' },
    });
    assert.equal(stranger.status, 401);
  });

  test('an unconfirmed sign-up cannot sign in and is replaced by the next one', async () => {
    const email = 'squat@target.test';
    const squat = { agencyName: 'Squat', name: 'S', email, password: 'squatter password' };
    assert.equal((await api.request('POST', '/v1/auth/signup', { body: squat })).status, 202);
    const tryIt = await api.request('POST', '/v1/auth/login', {
      body: { email, password: 'squatter password' },
    });
    assert.equal(tryIt.status, 401);
    assert.equal(tryIt.body.error.code, 'invalid_credentials', 'as for an unknown address');
    const real = { agencyName: 'Target Homes', name: 'T', email, password: 'the real password' };
    assert.equal((await api.request('POST', '/v1/auth/signup', { body: real })).status, 202);
    const confirmed = await api.request('POST', '/v1/auth/signup/confirm', {
      body: { token: await confirmationTokenFor(api, email) },
    });
    assert.equal(confirmed.status, 201);
    assert.equal(confirmed.body.agency.name, 'Target Homes');
    const login = await api.request('POST', '/v1/auth/login', {
      body: { email, password: 'the real password' },
    });
    assert.equal(login.status, 200);
    const again = await api.request('POST', '/v1/auth/signup/confirm', {
      body: { token: await confirmationTokenFor(api, email) },
    });
    assert.equal(again.status, 404, 'a confirmation link works once');
  });
});

describe('refresh tokens', () => {
  test('rotate on use; reusing a spent token revokes the whole login', async () => {
    const owner = await signUp(api, 'Rotate Realty');
    const first = await api.request('POST', '/v1/auth/refresh', {
      body: { refreshToken: owner.refreshToken },
    });
    assert.equal(first.status, 200);
    assert.notEqual(first.body.refreshToken, owner.refreshToken);

    const replay = await api.request('POST', '/v1/auth/refresh', {
      body: { refreshToken: owner.refreshToken },
    });
    assert.equal(replay.status, 401);
    assert.equal(replay.body.error.code, 'refresh_token_reused');
    // The attacker's replay also killed the legitimate successor.
    const successor = await api.request('POST', '/v1/auth/refresh', {
      body: { refreshToken: first.body.refreshToken },
    });
    assert.equal(successor.status, 401);
    assert.equal(successor.body.error.code, 'refresh_token_revoked');
  });

  test('logout revokes the refresh token and ends the access token at once', async () => {
    const owner = await signUp(api, 'Logout Realty');
    assert.equal((await api.request('GET', '/v1/me', { token: owner.token })).status, 200);
    assert.equal(
      (await api.request('POST', '/v1/auth/logout', { body: { refreshToken: owner.refreshToken } }))
        .status,
      204,
    );
    const res = await api.request('POST', '/v1/auth/refresh', {
      body: { refreshToken: owner.refreshToken },
    });
    assert.equal(res.status, 401);
    const me = await api.request('GET', '/v1/me', { token: owner.token });
    assert.equal(me.status, 401);
    assert.equal(me.body.error.code, 'signed_out');
  });
});

describe('invitations and roles', () => {
  test('an owner invites an admin who accepts and signs in; an agent is known by WhatsApp number', async () => {
    const owner = await signUp(api, 'Invite Realty');
    const inv = await api.request('POST', '/v1/users/invitations', {
      token: owner.token,
      body: { name: 'Ada', email: 'ada@invite.test', role: 'admin' },
    });
    assert.equal(inv.status, 201);
    assert.equal(inv.body.user.status, 'invited');
    assert.match(inv.body.invitationUrl, /token=inv_/);

    const accepted = await api.request('POST', '/v1/auth/invitations/accept', {
      body: { token: inv.body.invitationToken, password: 'ada lovelace 1815' },
    });
    assert.equal(accepted.status, 200);
    assert.equal(accepted.body.user.role, 'admin');
    const again = await api.request('POST', '/v1/auth/invitations/accept', {
      body: { token: inv.body.invitationToken, password: 'ada lovelace 1815' },
    });
    assert.equal(again.status, 404, 'an invitation works once');

    const agent = await api.request('POST', '/v1/users/invitations', {
      token: accepted.body.accessToken,
      body: { name: 'Ana', role: 'agent', whatsappPhone: '+34 600 123 456' },
    });
    assert.equal(agent.status, 201);
    assert.equal(agent.body.user.whatsappPhone, '34600123456');
    assert.equal(agent.body.user.status, 'active');

    const actions = await db
      .owner('audit_log')
      .where({ agency_id: owner.agencyId })
      .pluck('action');
    assert.equal(actions.filter((a) => a === 'user.invited').length, 2);
    assert.ok(actions.includes('user.invitation_accepted'));
  });

  test('role changes are audited, apply at once, and the last owner stays', async () => {
    const owner = await signUp(api, 'Roles Realty');
    const inv = await api.request('POST', '/v1/users/invitations', {
      token: owner.token,
      body: { name: 'Bo', email: 'bo@roles.test', role: 'admin' },
    });
    const bo = await api.request('POST', '/v1/auth/invitations/accept', {
      body: { token: inv.body.invitationToken, password: 'bo is an admin now' },
    });
    assert.equal(
      (await api.request('GET', '/v1/users', { token: bo.body.accessToken })).status,
      200,
    );

    const demote = await api.request('PATCH', `/v1/users/${inv.body.user.id}`, {
      token: owner.token,
      body: { role: 'agent' },
    });
    assert.equal(demote.status, 200);
    // Bo's access token still says admin, but the role is read per request.
    const denied = await api.request('GET', '/v1/users', { token: bo.body.accessToken });
    assert.equal(denied.status, 403);
    assert.equal(denied.body.error.code, 'forbidden');

    const last = await api.request('PATCH', `/v1/users/${owner.userId}`, {
      token: owner.token,
      body: { role: 'admin' },
    });
    assert.equal(last.status, 409);
    assert.equal(last.body.error.code, 'last_owner');

    const audit = await db
      .owner('audit_log')
      .where({ agency_id: owner.agencyId, action: 'user.role_changed' })
      .first();
    assert.deepEqual(audit.data, { from: 'admin', to: 'agent' });
    assert.equal(audit.actor_id, owner.userId);
  });
});

describe('API keys', () => {
  test('shown once, stored hashed, work as credentials, and stop working when revoked', async () => {
    const owner = await signUp(api, 'Keys Realty');
    const created = await api.request('POST', '/v1/api-keys', {
      token: owner.token,
      body: { name: 'CRM sync' },
    });
    assert.equal(created.status, 201);
    const key: string = created.body.key;
    assert.match(key, /^ra_[A-Za-z0-9]{8}_/);
    const row = await db.owner('api_keys').where({ id: created.body.id }).first();
    assert.ok(!JSON.stringify(row).includes(key.split('_').pop()!), 'secret not stored');

    const me = await api.request('GET', '/v1/me', { token: key });
    assert.equal(me.status, 200);
    assert.deepEqual(me.body.actor, { type: 'api_key', id: created.body.id });
    const listed = await api.request('GET', '/v1/api-keys', { token: owner.token });
    assert.equal(listed.body.data[0].key, undefined);

    assert.equal(
      (await api.request('DELETE', `/v1/api-keys/${created.body.id}`, { token: owner.token }))
        .status,
      204,
    );
    const after = await api.request('GET', '/v1/me', { token: key });
    assert.equal(after.status, 401);
    assert.equal(after.body.error.code, 'invalid_api_key');
    const tampered = await api.request('GET', '/v1/me', { token: key.slice(0, -2) + 'zz' });
    assert.equal(tampered.status, 401);

    const actions = await db
      .owner('audit_log')
      .where({ agency_id: owner.agencyId })
      .pluck('action');
    assert.ok(actions.includes('api_key.created') && actions.includes('api_key.revoked'));
  });
});

describe('errors have one shape and a precise status', () => {
  test('malformed JSON is 400 malformed_json', async () => {
    const res = await api.request('POST', '/v1/auth/login', {
      rawBody: '{"email": "a@b.test",',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'malformed_json');
    assert.ok(res.body.error.requestId);
  });

  test('a body that is not JSON is 415; an oversized one is 413', async () => {
    const form = await api.request('POST', '/v1/auth/login', {
      rawBody: 'a=b',
      headers: { 'content-type': 'text/plain' },
    });
    assert.equal(form.status, 415);
    assert.equal(form.body.error.code, 'unsupported_media_type');
    const big = await api.request('POST', '/v1/auth/login', {
      body: { email: 'x'.repeat(2_000_000) },
    });
    assert.equal(big.status, 413);
    assert.equal(big.body.error.code, 'payload_too_large');
  });

  test('validation failures are 422 with JSON-pointer field paths', async () => {
    const res = await api.request('POST', '/v1/auth/signup', {
      body: { agencyName: 'X', name: '', email: 'not-an-email', password: 'short' },
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, 'validation_failed');
    assert.deepEqual(Object.keys(res.body.error.fields).sort(), [
      '/agencyName',
      '/email',
      '/name',
      '/password',
    ]);
  });

  test('missing, garbage and expired tokens are 401 with distinct codes', async () => {
    const none = await api.request('GET', '/v1/me');
    assert.equal(none.status, 401);
    assert.equal(none.body.error.code, 'missing_token');
    assert.equal(none.headers.get('www-authenticate'), 'Bearer');
    const garbage = await api.request('GET', '/v1/me', { token: 'abc.def.ghi' });
    assert.equal(garbage.body.error.code, 'invalid_token');

    const owner = await signUp(api, 'Expiry Realty');
    const expired = await new SignJWT({ tid: owner.agencyId, role: 'owner' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(owner.userId)
      .setIssuer('realty-assistant')
      .setAudience('realty-api')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 3600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(api.deps.config.JWT_SECRET));
    const res = await api.request('GET', '/v1/me', { token: expired });
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, 'token_expired');
  });

  test('an agent is 403 on operator routes', async () => {
    const owner = await signUp(api, 'Agent Realty');
    const key = await api.request('POST', '/v1/api-keys', {
      token: owner.token,
      body: { name: 'bot', role: 'agent' },
    });
    const res = await api.request('GET', '/v1/users', { token: key.body.key });
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, 'forbidden');
  });

  test("another agency's id is 404, and nothing changes", async () => {
    const a = await signUp(api, 'Agency A');
    const b = await signUp(api, 'Agency B');
    const res = await api.request('PATCH', `/v1/users/${b.userId}`, {
      token: a.token,
      body: { name: 'Pwned' },
    });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, 'not_found');
    const bKey = await api.request('POST', '/v1/api-keys', { token: b.token, body: { name: 'b' } });
    assert.equal(
      (await api.request('DELETE', `/v1/api-keys/${bKey.body.id}`, { token: a.token })).status,
      404,
    );
    assert.equal((await db.owner('users').where({ id: b.userId }).first()).name, 'Owner');
    assert.equal((await db.owner('api_keys').where({ id: bKey.body.id }).first()).revoked_at, null);
  });

  test('an unknown route is 404 route_not_found; a malformed id is 422', async () => {
    const owner = await signUp(api, 'Routes Realty');
    const res = await api.request('GET', '/v1/nothing-here', { token: owner.token });
    assert.equal(res.status, 404);
    assert.equal(res.body.error.code, 'route_not_found');
    const bad = await api.request('PATCH', '/v1/users/not-a-uuid', {
      token: owner.token,
      body: { name: 'x' },
    });
    assert.equal(bad.status, 422);
    assert.ok(bad.body.error.fields['/id']);
  });
});

describe('subdomain tenancy', () => {
  test("an agency's subdomain accepts only its own credentials", async () => {
    const tenantApi = await startTestApi(db, { BASE_DOMAIN: 'realty.test' });
    try {
      const a = await signUp(tenantApi, 'Sub A');
      const b = await signUp(tenantApi, 'Sub B');
      const slugA = (await db.owner('agencies').where({ id: a.agencyId }).first()).slug;
      const host = { host: `${slugA}.realty.test` };
      assert.equal(
        (await tenantApi.request('GET', '/v1/me', { token: a.token, headers: host })).status,
        200,
      );
      const wrong = await tenantApi.request('GET', '/v1/me', { token: b.token, headers: host });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.error.code, 'wrong_tenant');
      const login = await tenantApi.request('POST', '/v1/auth/login', {
        headers: host,
        body: { email: b.email, password: 'correct horse battery' },
      });
      assert.equal(login.status, 401);
      const unknown = await tenantApi.request('GET', '/v1/me', {
        token: a.token,
        headers: { host: 'nope.realty.test' },
      });
      assert.equal(unknown.status, 404);
    } finally {
      await tenantApi.close();
    }
  });
});
