import assert from 'node:assert/strict';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { confirmationTokenFor, startTestApi, type TestApi } from '../support/api';

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

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  cookies: string[];
  body: any;
}

/** A raw HTTP call, so Set-Cookie (a list) and Host stay visible. */
function call(
  method: string,
  path: string,
  opts: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...opts.headers };
  const body = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  if (body) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = http.request(api.url + path, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          cookies: res.headers['set-cookie'] ?? [],
          body: text && text.startsWith('{') ? JSON.parse(text) : text,
        });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const cookieHeader = (cookies: string[]) => cookies.map((c) => c.split(';')[0]).join('; ');
const cookieValue = (cookies: string[], name: string) =>
  cookies
    .find((c) => c.startsWith(`${name}=`))
    ?.split(';')[0]!
    .slice(name.length + 1);

/**
 * Sign-up as the dashboard does it: the form only queues the e-mail (202, still signed out);
 * the link from the inbox confirms it into a cookie session.
 */
async function signUpAndConfirm(
  headers: Record<string, string>,
  agencyName = 'Cookie Realty',
  domain = 'cookie.test',
) {
  const email = `${randomBytes(4).toString('hex')}@${domain}`;
  const asked = await call('POST', '/v1/session/signup', {
    headers,
    body: { agencyName, name: 'Olga', email, password: 'correct horse battery' },
  });
  assert.equal(asked.status, 202, JSON.stringify(asked.body));
  assert.deepEqual(asked.cookies, [], 'asking to sign up does not sign in');
  const res = await call('POST', '/v1/session/signup/confirm', {
    headers,
    body: { token: await confirmationTokenFor(api, email) },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { res, email };
}

async function signUpInBrowser(origin = api.url) {
  const { res, email } = await signUpAndConfirm({ origin });
  return { res, email, cookie: cookieHeader(res.cookies), csrf: res.body.csrfToken as string };
}

describe('cookie sessions', () => {
  test('sign-up sets an httpOnly SameSite session cookie and keeps every token out of the body', async () => {
    const { res, cookie } = await signUpInBrowser();
    const session = res.cookies.find((c) => c.startsWith('ra_session='))!;
    assert.ok(session, res.cookies.join('\n'));
    assert.match(session, /HttpOnly/);
    assert.match(session, /SameSite=Lax/);
    assert.doesNotMatch(session, /Secure/, 'plain http on loopback cannot keep Secure cookies');
    const csrf = res.cookies.find((c) => c.startsWith('ra_csrf='))!;
    assert.doesNotMatch(csrf, /HttpOnly/, 'the page reads the CSRF token');
    assert.equal(cookieValue(res.cookies, 'ra_csrf'), res.body.csrfToken);
    for (const secret of ['accessToken', 'refreshToken']) assert.equal(res.body[secret], undefined);
    assert.equal(res.body.agency.name, 'Cookie Realty');

    const me = await call('GET', '/v1/me', { headers: { cookie } });
    assert.equal(me.status, 200);
    assert.equal(me.body.user.role, 'owner');
    assert.deepEqual((await call('GET', '/v1/session', { headers: { cookie } })).body, {
      signedIn: true,
    });
    assert.deepEqual((await call('GET', '/v1/session')).body, { signedIn: false });
  });

  test('login with the cookie form: wrong password is 401, right one signs in', async () => {
    const { email } = await signUpInBrowser();
    const bad = await call('POST', '/v1/session', {
      headers: { origin: api.url },
      body: { email, password: 'not the password' },
    });
    assert.equal(bad.status, 401);
    assert.equal(bad.body.error.code, 'invalid_credentials');
    assert.deepEqual(bad.cookies, []);
    const ok = await call('POST', '/v1/session', {
      headers: { origin: api.url },
      body: { email, password: 'correct horse battery' },
    });
    assert.equal(ok.status, 200);
    const me = await call('GET', '/v1/me', { headers: { cookie: cookieHeader(ok.cookies) } });
    assert.equal(me.body.user.email, email);
  });

  test('a state-changing cookie request needs our Origin and the CSRF token (403 with a code)', async () => {
    const { cookie, csrf } = await signUpInBrowser();
    const create = (headers: Record<string, string>) =>
      call('POST', '/v1/api-keys', { headers: { cookie, ...headers }, body: { name: 'zapier' } });

    const noToken = await create({ origin: api.url });
    assert.equal(noToken.status, 403);
    assert.equal(noToken.body.error.code, 'csrf_token_invalid');
    const wrongToken = await create({ origin: api.url, 'x-csrf-token': `${csrf}x` });
    assert.equal(wrongToken.body.error.code, 'csrf_token_invalid');
    const foreign = await create({ origin: 'https://evil.example', 'x-csrf-token': csrf });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.body.error.code, 'csrf_origin_mismatch');
    const crossSite = await create({ 'sec-fetch-site': 'cross-site', 'x-csrf-token': csrf });
    assert.equal(crossSite.body.error.code, 'csrf_origin_mismatch');
    assert.equal(
      await db
        .owner('api_keys')
        .where({ name: 'zapier' })
        .count('* as n')
        .first()
        .then((r) => Number(r!.n)),
      0,
    );

    const ok = await create({ origin: api.url, 'x-csrf-token': csrf });
    assert.equal(ok.status, 201, JSON.stringify(ok.body));
    assert.match(ok.body.key, /^ra_/);
  });

  test('a foreign page cannot sign a visitor in (login CSRF)', async () => {
    const { email } = await signUpInBrowser();
    const res = await call('POST', '/v1/session', {
      headers: { origin: 'https://evil.example' },
      body: { email, password: 'correct horse battery' },
    });
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, 'csrf_origin_mismatch');
    assert.deepEqual(res.cookies, []);
  });

  test('bearer tokens keep working for servers, with no cookie and no CSRF token', async () => {
    const { email } = await signUpInBrowser();
    const login = await api.request('POST', '/v1/auth/login', {
      body: { email, password: 'correct horse battery' },
    });
    const key = await api.request('POST', '/v1/api-keys', {
      token: login.body.accessToken,
      body: { name: 'server' },
    });
    assert.equal(key.status, 201);
  });

  test('sign-out revokes the session on the server: the old cookie is useless afterwards', async () => {
    const { cookie, csrf, email } = await signUpInBrowser();
    const out = await call('DELETE', '/v1/session', {
      headers: { cookie, origin: api.url, 'x-csrf-token': csrf },
    });
    assert.equal(out.status, 204);
    assert.ok(out.cookies.some((c) => c.startsWith('ra_session=;') && /Max-Age=0/.test(c)));
    const replay = await call('GET', '/v1/me', { headers: { cookie } });
    assert.equal(replay.status, 401);
    assert.deepEqual((await call('GET', '/v1/session', { headers: { cookie } })).body, {
      signedIn: false,
    });
    const user = await db.owner('users').where({ email }).first();
    const live = await db
      .owner('refresh_tokens')
      .where({ user_id: user.id })
      .whereNull('revoked_at');
    assert.deepEqual(live, [], 'every token of that login is revoked');
    const audit = await db
      .owner('audit_log')
      .where({ actor_id: user.id, action: 'user.signed_out' });
    assert.equal(audit.length, 1);
  });

  test('a deactivated user loses the cookie session at once', async () => {
    const { cookie, email } = await signUpInBrowser();
    await db.owner('users').where({ email }).update({ status: 'disabled' });
    const me = await call('GET', '/v1/me', { headers: { cookie } });
    assert.equal(me.status, 401);
    assert.equal(me.body.error.code, 'inactive_user');
  });

  test('outside loopback the cookies are Secure and __Host- prefixed, and HSTS is sent', async () => {
    const host = 'agency.realty.example';
    const { res } = await signUpAndConfirm(
      { host, origin: `http://${host}` },
      'Secure Realty',
      'secure.test',
    );
    const session = res.cookies.find((c) => c.startsWith('__Host-ra_session='));
    assert.ok(session, res.cookies.join('\n'));
    assert.match(session, /; Secure/);
    assert.match(session, /Path=\//);
    assert.match(String(res.headers['strict-transport-security']), /max-age=\d+/);
  });
});

describe('security headers', () => {
  test('every response, errors included, carries them; no HSTS on loopback', async () => {
    for (const path of ['/healthz', '/v1/me', '/v1/no-such-route', '/app/']) {
      const res = await call('GET', path);
      assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/, path);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', path);
      assert.equal(res.headers['referrer-policy'], 'no-referrer', path);
      assert.equal(res.headers['x-frame-options'], 'DENY', path);
      assert.equal(res.headers['strict-transport-security'], undefined, path);
    }
    const page = await call('GET', '/app/');
    if (page.status === 200)
      assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
  });
});
