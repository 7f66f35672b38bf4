/**
 * Hostile cases: password guessing, sign-up floods, refresh and invitation hammering. Each is
 * answered 429 `rate_limited` with Retry-After once over its limit, and guessing at one
 * account from one address does not lock its owner out from another address.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { signUp, startTestApi, type TestApi, type TestResponse } from '../support/api';
import { AUTH_LIMITS } from '../../lib/limits/authLimits';

let db: TestDatabase;
let api: TestApi;
let tight: TestApi;

before(async () => {
  db = await createTestDatabase();
  // The real limits, as in production.
  api = await startTestApi(db, { AUTH_RATE_LIMIT_SCALE: '1' });
  // A tenth of them, so the generous refresh limit is reached in a few requests.
  tight = await startTestApi(db, { AUTH_RATE_LIMIT_SCALE: '0.1' });
});
after(async () => {
  await api.close();
  await tight.close();
  await db.drop();
});

const assertLimited = (res: TestResponse | undefined, limit: string) => {
  assert.ok(res);
  assert.equal(res.status, 429, JSON.stringify(res.body));
  assert.equal(res.body.error.code, 'rate_limited');
  assert.equal(res.body.error.limit, limit);
  const retryAfter = Number(res.headers.get('retry-after'));
  assert.ok(retryAfter > 0 && retryAfter <= 3600, `Retry-After ${retryAfter}`);
};

test('guessing one password from one address is stopped; the owner still signs in from another', async () => {
  const owner = await signUp(api, 'Guessed Realty');
  const guess = (password: string, localAddress?: string) =>
    api.request('POST', '/v1/auth/login', {
      body: { email: owner.email, password },
      ...(localAddress ? { localAddress } : {}),
    });
  for (let i = 0; i < AUTH_LIMITS.loginPerAccountAndAddress.hits; i++) {
    assert.equal((await guess(`wrong guess ${i}`)).status, 401);
  }
  assertLimited(await guess('correct horse battery'), 'login:account+ip');
  const fromHome = await guess('correct horse battery', '127.0.0.2');
  assert.equal(fromHome.status, 200, JSON.stringify(fromHome.body));
});

test('one address trying many accounts is stopped', async () => {
  const from = '127.0.0.3';
  let last;
  for (let i = 0; i <= AUTH_LIMITS.loginPerAddress.hits; i++) {
    last = await api.request('POST', '/v1/auth/login', {
      body: { email: `victim${i}@stuffing.test`, password: 'password from a dump' },
      localAddress: from,
    });
    if (last.status === 429) break;
    assert.equal(last.status, 401);
  }
  assertLimited(last, 'login:ip');
});

test('a sign-up flood from one address is stopped', async () => {
  const from = '127.0.0.4';
  let last;
  for (let i = 0; i <= AUTH_LIMITS.signupPerAddress.hits; i++) {
    last = await api.request('POST', '/v1/auth/signup', {
      body: {
        agencyName: `Flood ${i}`,
        name: 'F',
        email: `flood${i}@flood.test`,
        password: 'a long enough password',
      },
      localAddress: from,
    });
    if (last.status === 429) break;
    assert.equal(last.status, 202);
  }
  assertLimited(last, 'signup:ip');
});

test('hammering refresh and invitation acceptance is stopped', async () => {
  const owner = await signUp(api, 'Hammered Realty');
  const from = '127.0.0.5';
  let refresh;
  let token = owner.refreshToken;
  for (let i = 0; i <= AUTH_LIMITS.refreshPerAddress.hits; i++) {
    refresh = await tight.request('POST', '/v1/auth/refresh', {
      body: { refreshToken: token },
      localAddress: from,
    });
    if (refresh.status !== 200) break;
    token = refresh.body.refreshToken;
  }
  assertLimited(refresh, 'refresh:ip');

  let accept;
  for (let i = 0; i <= AUTH_LIMITS.invitationPerAddress.hits; i++) {
    accept = await tight.request('POST', '/v1/auth/invitations/accept', {
      body: { token: `inv_guess_${i}_xxxxxxxxxxxx`, password: 'a long enough password' },
      localAddress: from,
    });
    if (accept.status === 429) break;
    assert.equal(accept.status, 404);
  }
  assertLimited(accept, 'invitation:ip');
});
