/**
 * Publishing through a fault proxy in front of a real WordPress: 5xx and 429 are retryable
 * (Retry-After becomes the next retry delay), no answer at all is retryable, and a response
 * lost after WordPress committed never leads to a second post or a second copy of a photo.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedAgency } from '../support/agency';
import { testActivityDeps } from '../support/worker';
import { freePort } from '../../scripts/services/process';
import { createSecretBox } from '../../lib/crypto/secretBox';
import { createPublishingActivities } from '../../activities/publishing';
import type { ActivityDeps } from '../../activities';
import type { WordPressServer } from '../../scripts/services/wordpress';
import { startFaultProxy, type FaultProxy } from './faultProxy';
import {
  adminApi,
  publicationOf,
  runActivity,
  seedListing,
  seedSite,
  startTestWordPress,
} from './support';

let db: TestDatabase;
let wp: WordPressServer;
let proxy: FaultProxy;
let deps: ActivityDeps;
let activities: ReturnType<typeof createPublishingActivities>;
const secrets = createSecretBox(Buffer.alloc(32, 3).toString('base64'));

before(async () => {
  db = await createTestDatabase();
  wp = await startTestWordPress(true);
  proxy = await startFaultProxy(wp.baseUrl);
  deps = testActivityDeps(db.app, secrets, 'http://127.0.0.1:1');
  activities = createPublishingActivities(deps);
});
after(async () => {
  await proxy?.close();
  await wp?.stop();
  await db?.drop();
});

const run = runActivity;
const failure = async (p: Promise<unknown>): Promise<ApplicationFailure> => {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  assert.ok(
    err instanceof ApplicationFailure,
    `expected an ApplicationFailure, got ${String(err)}`,
  );
  return err;
};

/** A listing whose site is reached through the proxy (or any other base URL). */
async function arrange(photos: number, baseUrl = proxy.baseUrl) {
  const agency = await seedAgency(db, secrets, { accessToken: 'unused' });
  const listing = await seedListing(db, deps.storage, agency.agencyId, { photos });
  const siteId = await seedSite(db, secrets, agency.agencyId, wp, 'property', { baseUrl });
  return { input: { agencyId: agency.agencyId, listingId: listing.listingId, siteId }, listing };
}

test('a 5xx is retryable; a 429 asks for exactly the Retry-After delay, seconds or date', async () => {
  const { input, listing } = await arrange(1);
  proxy.inject({ method: 'GET', route: '/wp/v2/media', times: 1, action: { respond: 503 } });
  const down = await failure(run(activities.uploadMedia, input));
  assert.equal(down.nonRetryable, false);
  assert.equal(down.type, 'WordPressUnavailable');
  assert.equal(down.nextRetryDelay, undefined, 'no Retry-After: Temporal backs off on its own');
  assert.match(down.message, /answered GET \/wp\/v2\/media with 503 internal_server_error/);

  proxy.inject({
    method: 'GET',
    route: '/wp/v2/media',
    times: 1,
    action: { respond: 429, headers: { 'retry-after': '7' } },
  });
  const limited = await failure(run(activities.uploadMedia, input));
  assert.equal(limited.nonRetryable, false);
  assert.equal(limited.nextRetryDelay, '7s');

  const at = new Date(Date.now() + 30_000).toUTCString();
  proxy.inject({
    method: 'GET',
    route: '/wp/v2/media',
    times: 1,
    action: { respond: 429, headers: { 'retry-after': at } },
  });
  const dated = await failure(run(activities.uploadMedia, input));
  const seconds = Number(/^(\d+)s$/.exec(String(dated.nextRetryDelay))?.[1]);
  assert.ok(seconds >= 28 && seconds <= 31, `about 30 s, got ${String(dated.nextRetryDelay)}`);

  // A transient failure leaves the publication retrying, not failed; the reason is visible.
  const pub = await publicationOf(db, listing.listingId, input.siteId);
  assert.notEqual(pub.state, 'failed');
  assert.match(pub.error, /429/);

  assert.deepEqual(await run(activities.uploadMedia, input), { total: 1, uploaded: 1, reused: 0 });
});

test('no answer at all (nothing listening) is retryable with a reason', async () => {
  const closed = `http://127.0.0.1:${await freePort()}`;
  const { input } = await arrange(1, closed);
  const err = await failure(run(activities.uploadMedia, input));
  assert.equal(err.nonRetryable, false);
  assert.match(err.message, new RegExp(`Could not reach ${closed}: ECONNREFUSED`));
});

test('a create whose response is lost: the retry finds that post; exactly one exists', async () => {
  const { input, listing } = await arrange(2);
  await run(activities.uploadMedia, input);
  proxy.inject({
    method: 'POST',
    route: '/wp/v2/properties',
    times: 1,
    action: { dropAfterCommit: true },
  });
  const lost = await failure(run(activities.pushProperty, input));
  assert.equal(lost.nonRetryable, false, 'a dropped connection is retried');
  const [created] = await adminApi(wp).postsOf('properties', listing.listingId);
  assert.equal(created.status, 'draft', 'WordPress did create the draft');
  assert.equal((await publicationOf(db, listing.listingId, input.siteId)).remote_id, null);

  const retried = await run(activities.pushProperty, input);
  assert.equal(retried.remoteId, created.id);
  assert.equal(retried.created, false);
  const posts = await adminApi(wp).postsOf('properties', listing.listingId);
  assert.deepEqual(
    posts.map((p: any) => [p.id, p.status]),
    [[created.id, 'publish']],
  );
  assert.equal(
    proxy.reached('POST', '/wp/v2/properties').length,
    1,
    'one create ever reached WordPress',
  );
});

test('uploads whose responses are lost are found by slug: each photo exactly once', async () => {
  const { input, listing } = await arrange(4);
  proxy.inject({
    method: 'POST',
    route: '/wp/v2/media',
    times: 2,
    action: { dropAfterCommit: true },
  });
  await failure(run(activities.uploadMedia, input));
  await failure(run(activities.uploadMedia, input));
  const third = await run(activities.uploadMedia, input);
  assert.equal(third.total, 4);
  assert.equal(third.reused, 2, 'the two uploads whose answers were lost are reused');
  assert.equal(third.uploaded, 2);
  const media = await adminApi(wp).mediaOf(listing.assetIds);
  assert.equal(media.length, 4);
  assert.deepEqual(
    media.map((m: any) => m.slug).sort(),
    listing.assetIds.map((a) => `ra-${a}`).sort(),
  );
  await run(activities.pushProperty, input);
  assert.equal((await adminApi(wp).postsOf('properties', listing.listingId)).length, 1);
});

test('a 500 on the publish step after the draft exists: the retry publishes that draft', async () => {
  const { input, listing } = await arrange(1);
  await run(activities.uploadMedia, input);
  proxy.inject({
    method: 'POST',
    route: /^\/wp\/v2\/properties\/\d+$/,
    times: 1,
    action: { respond: 500 },
  });
  const err = await failure(run(activities.pushProperty, input));
  assert.equal(err.nonRetryable, false);
  const pub = await publicationOf(db, listing.listingId, input.siteId);
  assert.equal(pub.state, 'draft');
  assert.ok(pub.remote_id);
  const done = await run(activities.pushProperty, input);
  assert.equal(String(done.remoteId), pub.remote_id);
  assert.equal(done.status, 'publish');
  assert.equal((await adminApi(wp).postsOf('properties', listing.listingId)).length, 1);
});
