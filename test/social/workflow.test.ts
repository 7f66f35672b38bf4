/**
 * The post workflows on the Temporal dev server with the real activities, the real database
 * and the Graph API double: a live listing ends with one Facebook and one Instagram post with
 * its WordPress link; a scheduled post waits on a durable timer and goes out after a worker
 * restart; reschedule and cancel are Updates refused once posting started; an expired token
 * fails the post (never the listing) and asks the owner to reconnect.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { Client, Connection, WorkflowUpdateFailedError } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedAgency, type SeededAgency } from '../support/agency';
import { startTestWorker, testActivityDeps, type RunningWorker } from '../support/worker';
import { startSocialGraphDouble, type SocialGraphDouble } from '../support/socialGraphDouble';
import { createSecretBox } from '../../lib/crypto/secretBox';
import { createSocialActivities } from '../../activities/social';
import type { ActivityDeps } from '../../activities';
import { seedListing, seedSite } from '../publishing/support';
import {
  cancelUpdate,
  rescheduleUpdate,
  socialPostStatusQuery,
  socialPostWorkflowId,
  type SocialPlatform,
} from '../../workflows/social/messages';
import type { socialPostWorkflow } from '../../workflows/social/socialPostWorkflow';
import { MockActivityEnvironment } from '@temporalio/testing';

type Planned = Array<{ platform: SocialPlatform; at: string | null }>;
/** Runs the planning activity in an activity context, as the listing workflow would. */
const plan = (agencyId: string, listingId: string): Promise<Planned> => {
  const activities = createSocialActivities(deps);
  return new MockActivityEnvironment().run<[], Planned, () => Promise<Planned>>(() =>
    activities.planSocialPosts({ agencyId, listingId }),
  );
};

const secrets = createSecretBox(Buffer.alloc(32, 7).toString('base64'));
let db: TestDatabase;
let graph: SocialGraphDouble;
let deps: ActivityDeps;
let worker: RunningWorker;
let connection: Connection;
let client: Client;
const taskQueue = `social-test-${randomBytes(4).toString('hex')}`;

before(async () => {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  db = await createTestDatabase();
  graph = await startSocialGraphDouble();
  deps = {
    ...testActivityDeps(db.app, secrets, graph.baseUrl),
    social: { graphUrl: graph.baseUrl, pollIntervalMs: 10, pollAttempts: 50 },
  };
  worker = await startTestWorker(deps, { taskQueue });
  connection = await Connection.connect({
    address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
  });
  client = new Client({ connection });
});
after(async () => {
  await worker.stop();
  await connection.close();
  await graph.close();
  await db.drop();
});

const LIVE = (listingId: string) => `https://agency.example/property/${listingId}/`;

/** A live listing (published to a WordPress site) of an agency with both accounts connected. */
async function liveListing(
  plan: 'starter' | 'pro' = 'pro',
): Promise<{ agency: SeededAgency; listingId: string }> {
  const agency = await seedAgency(db, secrets, { accessToken: 'wa-token', plan });
  for (const [platform, id] of [
    ['facebook', graph.pageId],
    ['instagram', graph.igUserId],
  ] as const)
    await db.owner('social_accounts').insert({
      agency_id: agency.agencyId,
      platform,
      remote_account_id: id,
      name: platform,
      access_token_encrypted: secrets.seal(graph.token),
    });
  const { listingId } = await seedListing(db, deps.storage, agency.agencyId, { photos: 2 });
  const siteId = await seedSite(
    db,
    secrets,
    agency.agencyId,
    { baseUrl: 'https://agency.example', username: 'u', applicationPassword: 'p' },
    'posts',
  );
  await db.owner('publications').insert({
    agency_id: agency.agencyId,
    listing_id: listingId,
    site_id: siteId,
    state: 'published',
    remote_id: '42',
    remote_url: LIVE(listingId),
  });
  for (const platform of ['facebook', 'instagram'])
    await db.owner('drafts').insert({
      agency_id: agency.agencyId,
      listing_id: listingId,
      kind: 'social',
      platform,
      language: 'en',
      content: `Bright 3-bed apartment in Lisbon with a river view. Details: {{link}} #lisbon`,
      status: 'approved',
    });
  return { agency, listingId };
}

const start = (agencyId: string, listingId: string, platform: SocialPlatform, at?: string) =>
  client.workflow.start<typeof socialPostWorkflow>('socialPostWorkflow', {
    taskQueue,
    workflowId: socialPostWorkflowId(agencyId, listingId, platform),
    args: [{ agencyId, listingId, platform, at: at ?? null }],
  });

const postRow = (listingId: string, platform: SocialPlatform) =>
  db.owner('social_posts').where({ listing_id: listingId, platform }).first();

test('a live listing gets one Facebook and one Instagram post, each with its WordPress link', async () => {
  const { agency, listingId } = await liveListing();
  const planned = await plan(agency.agencyId, listingId);
  assert.deepEqual(planned.map((p) => p.platform).sort(), ['facebook', 'instagram']);

  const results = await Promise.all(
    planned.map(async ({ platform }) =>
      (await start(agency.agencyId, listingId, platform)).result(),
    ),
  );
  assert.deepEqual(
    results.map((r) => r.phase),
    ['posted', 'posted'],
  );
  const mine = graph.posts.filter((p) => p.message.includes(LIVE(listingId)));
  assert.equal(mine.filter((p) => p.platform === 'facebook').length, 1);
  assert.equal(mine.filter((p) => p.platform === 'instagram').length, 1);
  assert.equal(
    mine.every((p) => p.photoUrls.length === 2),
    true,
  );
  for (const platform of ['facebook', 'instagram'] as const) {
    const row = await postRow(listingId, platform);
    assert.equal(row.state, 'posted');
    assert.ok(row.remote_id);
    assert.ok(row.permalink);
  }

  // Starting the same post again (a republish, a duplicate start) posts nothing new.
  const again = await start(agency.agencyId, listingId, 'facebook');
  assert.equal((await again.result()).phase, 'posted');
  assert.equal(graph.posts.filter((p) => p.message.includes(LIVE(listingId))).length, 2);
});

test('Starter allows one platform: the other is skipped with the reason on its row', async () => {
  const { agency, listingId } = await liveListing('starter');
  const planned = await plan(agency.agencyId, listingId);
  assert.equal(planned.length, 1);
  const skipped = await db
    .owner('social_posts')
    .where({ listing_id: listingId, state: 'skipped' })
    .first();
  assert.equal(skipped.error_code, 'plan_limit');
  assert.match(skipped.last_error, /upgrade/);
});

test('a scheduled post waits on a durable timer and goes out after a worker restart', async () => {
  const { agency, listingId } = await liveListing();
  const at = new Date(Date.now() + 4000).toISOString();
  const handle = await start(agency.agencyId, listingId, 'facebook', at);
  assert.equal((await handle.query(socialPostStatusQuery)).phase, 'waiting');
  await worker.stop();
  await new Promise((resolve) => setTimeout(resolve, 5000));
  assert.equal(
    graph.posts.some((p) => p.message.includes(LIVE(listingId))),
    false,
    'nothing is posted while no worker runs',
  );
  worker = await startTestWorker(deps, { taskQueue });
  const result = await handle.result();
  assert.equal(result.phase, 'posted');
  const post = graph.posts.find((p) => p.message.includes(LIVE(listingId)));
  assert.ok(post);
});

test('reschedule and cancel are Updates; once the post is out, they are refused', async () => {
  const { agency, listingId } = await liveListing();
  const later = new Date(Date.now() + 3600_000).toISOString();
  const waiting = await start(agency.agencyId, listingId, 'instagram', later);
  const moved = await waiting.executeUpdate(rescheduleUpdate, {
    args: [{ at: new Date(Date.now() + 7200_000).toISOString() }],
  });
  assert.equal(moved.phase, 'waiting');
  const cancelled = await waiting.executeUpdate(cancelUpdate);
  assert.equal(cancelled.phase, 'cancelled');
  assert.equal((await waiting.result()).phase, 'cancelled');
  assert.equal(
    graph.posts.some((p) => p.message.includes(LIVE(listingId))),
    false,
  );

  const { agency: other, listingId: posted } = await liveListing();
  const done = await start(other.agencyId, posted, 'facebook');
  await done.result();
  await assert.rejects(
    done.executeUpdate(cancelUpdate),
    (err: unknown) => err instanceof WorkflowUpdateFailedError || err instanceof Error,
  );
});

test('an expired token fails the post with the reason and asks the owner to reconnect', async () => {
  const expired = await startSocialGraphDouble();
  expired.expireToken();
  const expiredDeps: ActivityDeps = { ...deps, social: { graphUrl: expired.baseUrl } };
  const queue = `${taskQueue}-expired`;
  const expiredWorker = await startTestWorker(expiredDeps, { taskQueue: queue });
  try {
    const { agency, listingId } = await liveListing();
    const handle = await client.workflow.start<typeof socialPostWorkflow>('socialPostWorkflow', {
      taskQueue: queue,
      workflowId: `${socialPostWorkflowId(agency.agencyId, listingId, 'facebook')}-${randomUUID()}`,
      args: [{ agencyId: agency.agencyId, listingId, platform: 'facebook' }],
    });
    const result = await handle.result();
    assert.equal(result.phase, 'failed');
    assert.match(result.error ?? '', /Reconnect/);
    const row = await postRow(listingId, 'facebook');
    assert.equal(row.state, 'failed');
    assert.equal(row.error_code, 'token_expired');
    const account = await db
      .owner('social_accounts')
      .where({ agency_id: agency.agencyId, platform: 'facebook' })
      .first();
    assert.equal(account.status, 'needs_reconnect');
    assert.equal(expired.posts.length, 0);
  } finally {
    await expiredWorker.stop();
    await expired.close();
  }
});

test('an edit after publication reaches the Facebook post; archiving removes it; Instagram says why not', async () => {
  const { agency, listingId } = await liveListing();
  for (const platform of ['facebook', 'instagram'] as const)
    await (await start(agency.agencyId, listingId, platform)).result();
  await db
    .owner('drafts')
    .where({ listing_id: listingId, kind: 'social', platform: 'facebook' })
    .update({ content: 'Price reduced! 3-bed in Lisbon: {{link}}', status: 'edited' });
  const activities = createSocialActivities(deps);
  const env = new MockActivityEnvironment();
  await env.run<[], void, () => Promise<void>>(() =>
    activities.updateSocialPosts({ agencyId: agency.agencyId, listingId }),
  );
  const facebook = graph.posts.find(
    (p) => p.platform === 'facebook' && p.message.includes(LIVE(listingId)),
  );
  assert.match(facebook?.message ?? '', /^Price reduced!/);
  const instagram = await postRow(listingId, 'instagram');
  assert.match(instagram.last_error, /cannot edit/);

  await env.run<[], void, () => Promise<void>>(() =>
    activities.archiveSocialPosts({ agencyId: agency.agencyId, listingId }),
  );
  assert.equal(facebook?.deleted, true);
  assert.equal((await postRow(listingId, 'facebook')).state, 'removed');
  assert.match((await postRow(listingId, 'instagram')).last_error, /cannot remove/);
});
