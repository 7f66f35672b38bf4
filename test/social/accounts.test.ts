/**
 * Connecting a Facebook Page and an Instagram account: the token is checked against the Graph
 * API double (permissions named when missing), stored sealed, never shown, and the plan's
 * `social_platforms` decides how many platforms an agency connects.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { signUp, startTestApi, type TestApi } from '../support/api';
import { startSocialGraphDouble, type SocialGraphDouble } from '../support/socialGraphDouble';

let db: TestDatabase;
let api: TestApi;
let graph: SocialGraphDouble;

before(async () => {
  db = await createTestDatabase();
  graph = await startSocialGraphDouble();
  api = await startTestApi(db, { SOCIAL_GRAPH_URL: graph.baseUrl });
});
after(async () => {
  await api.close();
  await graph.close();
  await db.drop();
});

const setPlan = (agencyId: string, plan: string) =>
  db.owner('subscriptions').where({ agency_id: agencyId }).update({ plan, status: 'active' });

test('a Page connects with a working token; the token is sealed and never returned', async () => {
  const owner = await signUp(api, 'Social Realty');
  const res = await api.request('POST', '/v1/social-accounts', {
    token: owner.token,
    body: { platform: 'facebook', accountId: graph.pageId, accessToken: graph.token },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  assert.equal(res.body.platform, 'facebook');
  assert.equal(res.body.accountId, graph.pageId);
  assert.equal(JSON.stringify(res.body).includes(graph.token), false);
  const row = await db.owner('social_accounts').where({ agency_id: owner.agencyId }).first();
  assert.match(row.access_token_encrypted, /^v1:/);
  assert.equal(row.access_token_encrypted.includes(graph.token), false);

  const list = await api.request('GET', '/v1/social-accounts', { token: owner.token });
  assert.equal(list.body.data.length, 1);
  assert.equal(JSON.stringify(list.body).includes(graph.token), false);
});

test('Starter allows one platform: the second is 402 plan_limit naming the upgrade', async () => {
  const owner = await signUp(api, 'One Platform Realty');
  const first = await api.request('POST', '/v1/social-accounts', {
    token: owner.token,
    body: { platform: 'facebook', accountId: graph.pageId, accessToken: graph.token },
  });
  assert.equal(first.status, 201);
  const second = await api.request('POST', '/v1/social-accounts', {
    token: owner.token,
    body: { platform: 'instagram', accountId: graph.igUserId, accessToken: graph.token },
  });
  assert.equal(second.status, 402);
  assert.equal(second.body.error.code, 'plan_limit');
  assert.equal(second.body.error.limit, 'social_platforms');
  assert.ok(second.body.error.upgrade_to);

  await setPlan(owner.agencyId, 'pro');
  const upgraded = await api.request('POST', '/v1/social-accounts', {
    token: owner.token,
    body: { platform: 'instagram', accountId: graph.igUserId, accessToken: graph.token },
  });
  assert.equal(upgraded.status, 201);
});

test('a token without the posting permission is refused with the permission named', async () => {
  const owner = await signUp(api, 'Missing Permission Realty');
  graph.grant(['pages_read_engagement']);
  try {
    const res = await api.request('POST', '/v1/social-accounts', {
      token: owner.token,
      body: { platform: 'facebook', accountId: graph.pageId, accessToken: graph.token },
    });
    assert.equal(res.status, 422);
    assert.equal(res.body.error.code, 'social_permission_missing');
    assert.deepEqual(res.body.error.missing, ['pages_manage_posts']);
    assert.equal(
      await db.owner('social_accounts').where({ agency_id: owner.agencyId }).first(),
      undefined,
    );
  } finally {
    graph.grant([
      'pages_manage_posts',
      'pages_read_engagement',
      'instagram_basic',
      'instagram_content_publish',
    ]);
  }
});

test('a wrong token is 422 social_token_invalid; bad input is 422 validation_failed; another agency cannot delete it', async () => {
  const owner = await signUp(api, 'Bad Token Realty');
  const wrong = await api.request('POST', '/v1/social-accounts', {
    token: owner.token,
    body: {
      platform: 'facebook',
      accountId: graph.pageId,
      accessToken: 'EAAG-not-the-right-token',
    },
  });
  assert.equal(wrong.status, 422);
  assert.equal(wrong.body.error.code, 'social_token_invalid');

  const bad = await api.request('POST', '/v1/social-accounts', {
    token: owner.token,
    body: { platform: 'myspace', accountId: 'abc', accessToken: 'x' },
  });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.error.code, 'validation_failed');

  const made = await api.request('POST', '/v1/social-accounts', {
    token: owner.token,
    body: { platform: 'facebook', accountId: graph.pageId, accessToken: graph.token },
  });
  const other = await signUp(api, 'Other Realty');
  const foreign = await api.request('DELETE', `/v1/social-accounts/${made.body.id}`, {
    token: other.token,
  });
  assert.equal(foreign.status, 404);
  const own = await api.request('DELETE', `/v1/social-accounts/${made.body.id}`, {
    token: owner.token,
  });
  assert.equal(own.status, 204);
});
