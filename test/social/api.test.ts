/**
 * The operator's social choices through the API: a schedule or a skip made in review is kept
 * for the listing workflow; a bad time, another agency's listing and a retry of a post that
 * did not fail get precise 4xx answers; a failed post retried from the API goes out once.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { signUp, startTestApi, type TestApi } from '../support/api';
import { startTestWorker, testActivityDeps, type RunningWorker } from '../support/worker';
import { startSocialGraphDouble, type SocialGraphDouble } from '../support/socialGraphDouble';
import { eventually } from '../support/eventually';
import { createSocialActivities } from '../../activities/social';
import type { ActivityDeps } from '../../activities';
import { seedListing, seedSite } from '../publishing/support';

let db: TestDatabase;
let api: TestApi;
let graph: SocialGraphDouble;
let deps: ActivityDeps;
let worker: RunningWorker;
const taskQueue = `social-api-${randomBytes(4).toString('hex')}`;

before(async () => {
  db = await createTestDatabase();
  graph = await startSocialGraphDouble();
  api = await startTestApi(db, { SOCIAL_GRAPH_URL: graph.baseUrl, TASK_QUEUE_LISTINGS: taskQueue });
  deps = {
    ...testActivityDeps(db.app, api.deps.secrets, graph.baseUrl),
    social: { graphUrl: graph.baseUrl, pollIntervalMs: 10, pollAttempts: 50 },
  };
  deps.storage = api.deps.storage;
  worker = await startTestWorker(deps, { taskQueue });
});
after(async () => {
  await worker.stop();
  await api.close();
  await graph.close();
  await db.drop();
});

/** A signed-up Pro agency with its Page connected and a live listing. */
async function agencyWithLiveListing(name: string) {
  const owner = await signUp(api, name);
  await db.owner('subscriptions').where({ agency_id: owner.agencyId }).update({ plan: 'pro' });
  const connected = await api.request('POST', '/v1/social-accounts', {
    token: owner.token,
    body: { platform: 'facebook', accountId: graph.pageId, accessToken: graph.token },
  });
  assert.equal(connected.status, 201);
  const { listingId } = await seedListing(db, deps.storage, owner.agencyId, { photos: 1 });
  const siteId = await seedSite(
    db,
    api.deps.secrets,
    owner.agencyId,
    { baseUrl: 'https://site.example', username: 'u', applicationPassword: 'p' },
    'posts',
  );
  await db.owner('publications').insert({
    agency_id: owner.agencyId,
    listing_id: listingId,
    site_id: siteId,
    state: 'published',
    remote_url: `https://site.example/p/${listingId}/`,
  });
  await db.owner('drafts').insert({
    agency_id: owner.agencyId,
    listing_id: listingId,
    kind: 'social',
    platform: 'facebook',
    language: 'en',
    content: 'New on the market: {{link}}',
    status: 'approved',
  });
  return { owner, listingId };
}

const plan = (agencyId: string, listingId: string) => {
  const activities = createSocialActivities(deps);
  type Planned = Awaited<ReturnType<typeof activities.planSocialPosts>>;
  return new MockActivityEnvironment().run<[], Planned, () => Promise<Planned>>(() =>
    activities.planSocialPosts({ agencyId, listingId }),
  );
};

test('a schedule chosen in review is kept for publication; a skip keeps the platform out', async () => {
  const { owner, listingId } = await agencyWithLiveListing('Schedule Realty');
  const at = new Date(Date.now() + 86_400_000).toISOString();
  const scheduled = await api.request('PUT', `/v1/listings/${listingId}/social-posts/facebook`, {
    token: owner.token,
    body: { mode: 'schedule', at },
  });
  assert.equal(scheduled.status, 200);
  assert.equal(scheduled.body.state, 'scheduled');
  assert.deepEqual(await plan(owner.agencyId, listingId), [{ platform: 'facebook', at }]);

  const skipped = await api.request('PUT', `/v1/listings/${listingId}/social-posts/facebook`, {
    token: owner.token,
    body: { mode: 'skip' },
  });
  assert.equal(skipped.body.state, 'skipped');
  assert.deepEqual(await plan(owner.agencyId, listingId), []);

  const list = await api.request('GET', `/v1/listings/${listingId}/social-posts`, {
    token: owner.token,
  });
  assert.equal(list.status, 200);
  assert.equal(list.body.data[0].state, 'skipped');
});

test('bad choices and foreign listings get precise answers', async () => {
  const { owner, listingId } = await agencyWithLiveListing('Strict Realty');
  const past = await api.request('PUT', `/v1/listings/${listingId}/social-posts/facebook`, {
    token: owner.token,
    body: { mode: 'schedule', at: '2020-01-01T10:00:00Z' },
  });
  assert.equal(past.status, 422);
  assert.equal(past.body.error.code, 'validation_failed');
  const platform = await api.request('PUT', `/v1/listings/${listingId}/social-posts/tiktok`, {
    token: owner.token,
    body: { mode: 'now' },
  });
  assert.equal(platform.status, 422);

  const other = await signUp(api, 'Nosy Realty');
  const foreign = await api.request('PUT', `/v1/listings/${listingId}/social-posts/facebook`, {
    token: other.token,
    body: { mode: 'skip' },
  });
  assert.equal(foreign.status, 404);
  const notFailed = await api.request(
    'POST',
    `/v1/listings/${listingId}/social-posts/facebook/retry`,
    { token: owner.token },
  );
  assert.equal(notFailed.status, 409);
  assert.equal(notFailed.body.error.code, 'social_post_not_failed');
});

test('a failed post retried from the API goes out once', async () => {
  const { owner, listingId } = await agencyWithLiveListing('Retry Realty');
  await db.owner('social_posts').insert({
    agency_id: owner.agencyId,
    listing_id: listingId,
    platform: 'facebook',
    state: 'failed',
    marker: '',
    error_code: 'token_expired',
    last_error: 'The access token expired',
  });
  const retried = await api.request(
    'POST',
    `/v1/listings/${listingId}/social-posts/facebook/retry`,
    { token: owner.token },
  );
  assert.equal(retried.status, 202);
  const row = await eventually(async () => {
    const r = await db.owner('social_posts').where({ listing_id: listingId }).first();
    return r.state === 'posted' ? r : undefined;
  }, 'the retried post to go out');
  assert.ok(row.remote_id);
  assert.equal(graph.posts.filter((p) => p.message.includes(listingId)).length, 1);
});
