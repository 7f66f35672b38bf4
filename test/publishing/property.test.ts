/**
 * Publishing activities with the `property` profile against a real WordPress with the
 * companion plugin: photos once, fields round-trip, one post however often it runs,
 * update, archive, and loud failures when WordPress drops what we wrote.
 */
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ApplicationFailure } from '@temporalio/common';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedAgency } from '../support/agency';
import { testActivityDeps } from '../support/worker';
import { createSecretBox } from '../../lib/crypto/secretBox';
import { createPublishingActivities } from '../../activities/publishing';
import type { ActivityDeps } from '../../activities';
import type { WordPressServer } from '../../scripts/services/wordpress';
import {
  adminApi,
  publicationOf,
  seedListing,
  seedSite,
  runActivity,
  startTestWordPress,
  type SeededListing,
} from './support';

let db: TestDatabase;
let wp: WordPressServer;
let deps: ActivityDeps;
let activities: ReturnType<typeof createPublishingActivities>;
const secrets = createSecretBox(Buffer.alloc(32, 9).toString('base64'));

before(async () => {
  db = await createTestDatabase();
  wp = await startTestWordPress(true);
  deps = testActivityDeps(db.app, secrets, 'http://127.0.0.1:1');
  activities = createPublishingActivities(deps);
});
after(async () => {
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

async function arrange(photos = 6, opts: { password?: string } = {}) {
  const agency = await seedAgency(db, secrets, { accessToken: 'unused' });
  const listing = await seedListing(db, deps.storage, agency.agencyId, { photos });
  const siteId = await seedSite(db, secrets, agency.agencyId, wp, 'property', opts);
  return { input: { agencyId: agency.agencyId, listingId: listing.listingId, siteId }, listing };
}

async function publish(input: { agencyId: string; listingId: string; siteId: string }) {
  await run(activities.uploadMedia, input);
  return run(activities.pushProperty, input);
}

const wpApi = () => adminApi(wp);

test('a listing with 6 photos is published: fields as typed meta, cover, gallery, captions', async () => {
  const { input, listing } = await arrange(6);
  const uploaded = await run(activities.uploadMedia, input);
  assert.deepEqual(uploaded, { total: 6, uploaded: 6, reused: 0 });
  const pushed = await run(activities.pushProperty, input);
  assert.equal(pushed.status, 'publish');
  assert.equal(pushed.created, true);

  const post = await wpApi().get(`/wp/v2/properties/${pushed.remoteId}?context=edit`);
  assert.equal(post.status, 'publish');
  assert.equal(post.title.raw, 'Bright 2-bedroom flat in Baixa');
  assert.equal(post.slug, `bright-2-bedroom-flat-in-baixa-${listing.listingId.slice(0, 8)}`);
  assert.deepEqual(
    {
      id: post.meta.realty_listing_id,
      price: post.meta.ra_ListPrice,
      currency: post.meta.ra_Currency,
      type: post.meta.ra_ListingType,
      beds: post.meta.ra_BedroomsTotal,
      parking: post.meta.ra_ParkingTotal,
      area: post.meta.ra_LivingArea,
      units: post.meta.ra_LivingAreaUnits,
      address: post.meta.ra_UnparsedAddress,
      lat: post.meta.ra_Latitude,
      lng: post.meta.ra_Longitude,
      status: post.meta.ra_StandardStatus,
      lot: post.meta.ra_LotSizeArea,
    },
    {
      id: listing.listingId,
      price: 325000,
      currency: 'EUR',
      type: 'sale',
      beds: 2,
      parking: 0,
      area: 74.5,
      units: 'Square Meters',
      address: 'Rua Augusta 100, 3º Esq',
      lat: 38.7106,
      lng: -9.1376,
      status: 'Active',
      lot: null,
    },
  );

  const media = await wpApi().mediaOf(listing.assetIds);
  assert.equal(media.length, 6, 'one media item per photo');
  const bySlug = new Map(media.map((m: any) => [m.slug, m]));
  const cover = bySlug.get(`ra-${listing.assetIds[0]}`);
  assert.equal(post.featured_media, cover.id, 'photo 0 is the cover');
  assert.equal(cover.caption.raw, 'Photo 1: the living room');
  assert.equal(cover.alt_text, 'Photo 1: the living room');
  for (const m of media) assert.match(post.content.raw, new RegExp(`wp-image-${m.id}"`));
  assert.match(post.content.raw, /<!-- wp:gallery/);
  assert.match(post.content.raw, /Two bedrooms, one bathroom &amp; a lift\./);

  const pub = await publicationOf(db, listing.listingId, input.siteId);
  assert.equal(pub.state, 'published');
  assert.equal(pub.remote_id, String(pushed.remoteId));
  assert.equal(pub.remote_url, post.link);
  assert.equal(Object.keys(pub.remote_media).length, 6);
  assert.equal(pub.remote_media[listing.assetIds[0]!].id, cover.id);
  assert.equal(pub.lease_owner, null, 'the lease is released');
});

test('running every activity twice leaves exactly one post and each photo once', async () => {
  const { input, listing } = await arrange(4);
  const first = await publish(input);
  const again = await run(activities.uploadMedia, input);
  assert.deepEqual(again, { total: 4, uploaded: 0, reused: 4 });
  const second = await run(activities.pushProperty, input);
  assert.equal(second.remoteId, first.remoteId);
  assert.equal(second.created, false);
  assert.equal((await wpApi().postsOf('properties', listing.listingId)).length, 1);
  assert.equal((await wpApi().mediaOf(listing.assetIds)).length, 4);
});

test('a publish whose record was lost finds its post by realty_listing_id instead of creating another', async () => {
  const { input, listing } = await arrange(2);
  const first = await publish(input);
  // As if the activity died after WordPress created the post, before we stored its id.
  await db
    .owner('publications')
    .where({ listing_id: listing.listingId })
    .update({ remote_id: null, remote_media: '{}', state: 'pending' });
  await run(activities.uploadMedia, input);
  const second = await run(activities.pushProperty, input);
  assert.equal(second.remoteId, first.remoteId);
  assert.equal(second.created, false);
  assert.equal((await wpApi().postsOf('properties', listing.listingId)).length, 1);
  assert.equal((await wpApi().mediaOf(listing.assetIds)).length, 2, 'media found by slug');
});

test('an edit after publication changes the post, its fields and captions', async () => {
  const { input, listing } = await arrange(2);
  const first = await publish(input);
  await db.owner('listings').where({ id: listing.listingId }).update({
    list_price: '299000.00',
    title: 'Price drop: 2-bedroom flat in Baixa',
    bedrooms_total: 3,
    year_built: null,
    // What WordPress's sanitize_text_field would rewrite: sent clean, so no false mismatch.
    unparsed_address: '  Rua Augusta\n100\t<b>3º</b> Esq ',
  });
  await db
    .owner('listing_assets')
    .where({ id: listing.assetIds[1] })
    .update({ long_description: 'The renovated kitchen' });
  await run(activities.uploadMedia, input);
  const updated = await run(activities.updateProperty, input);
  assert.equal(updated.remoteId, first.remoteId);

  const post = await wpApi().get(`/wp/v2/properties/${first.remoteId}?context=edit`);
  assert.equal(post.status, 'publish');
  assert.equal(post.title.raw, 'Price drop: 2-bedroom flat in Baixa');
  assert.equal(post.meta.ra_ListPrice, 299000);
  assert.equal(post.meta.ra_BedroomsTotal, 3);
  assert.equal(post.meta.ra_YearBuilt, null, 'a cleared field is cleared on WordPress');
  assert.equal(post.meta.ra_UnparsedAddress, 'Rua Augusta 100 3º Esq');
  const [, kitchen] = await Promise.all(
    listing.assetIds.map((id) => wpApi().get(`/wp/v2/media?slug=ra-${id}&context=edit`)),
  );
  assert.equal(kitchen[0].caption.raw, 'The renovated kitchen');
  assert.match(post.content.raw, /The renovated kitchen/);
  assert.equal((await wpApi().postsOf('properties', listing.listingId)).length, 1);
});

test('sold keeps the property up marked Closed; withdrawn unpublishes; republish restores', async () => {
  const { input, listing } = await arrange(1);
  const { remoteId } = await publish(input);

  const sold = await run(activities.archiveProperty, { ...input, reason: 'sold' as const });
  assert.equal(sold.status, 'publish');
  let post = await wpApi().get(`/wp/v2/properties/${remoteId}?context=edit`);
  assert.equal(post.meta.ra_StandardStatus, 'Closed');
  assert.equal((await publicationOf(db, listing.listingId, input.siteId)).state, 'archived');

  // An edit while archived keeps the archive mark.
  await run(activities.updateProperty, input);
  post = await wpApi().get(`/wp/v2/properties/${remoteId}?context=edit`);
  assert.equal(post.meta.ra_StandardStatus, 'Closed');

  const withdrawn = await run(activities.archiveProperty, {
    ...input,
    reason: 'withdrawn' as const,
  });
  assert.equal(withdrawn.status, 'draft');
  post = await wpApi().get(`/wp/v2/properties/${remoteId}?context=edit`);
  assert.equal(post.status, 'draft');
  assert.equal(post.meta.ra_StandardStatus, 'Withdrawn');
  // Archiving twice is a no-op, not an error.
  await run(activities.archiveProperty, { ...input, reason: 'withdrawn' as const });

  const back = await run(activities.pushProperty, input);
  assert.equal(back.remoteId, remoteId);
  post = await wpApi().get(`/wp/v2/properties/${remoteId}?context=edit`);
  assert.equal(post.status, 'publish');
  assert.equal(post.meta.ra_StandardStatus, 'Active');
  const pub = await publicationOf(db, listing.listingId, input.siteId);
  assert.equal(pub.state, 'published');
  assert.equal(pub.archived_reason, null);
});

test('a wrong application password fails for good with a readable reason; fixed, it publishes', async () => {
  const { input, listing } = await arrange(1, { password: 'abcd efgh ijkl mnop qrst uvwx' });
  const err = await failure(run(activities.uploadMedia, input));
  assert.equal(err.nonRetryable, true);
  assert.equal(err.type, 'WordPressAuth');
  assert.match(err.message, /refused the application password of user "admin"/);
  let pub = await publicationOf(db, listing.listingId, input.siteId);
  assert.equal(pub.state, 'failed');
  assert.equal(pub.error, err.message);

  await db
    .owner('wordpress_sites')
    .where({ id: input.siteId })
    .update({ app_password_encrypted: secrets.seal(wp.applicationPassword) });
  await publish(input);
  pub = await publicationOf(db, listing.listingId, input.siteId);
  assert.equal(pub.state, 'published');
  assert.equal(pub.error, null);
});

test('a field WordPress drops is a loud, non-retryable mismatch naming the field', async () => {
  // An mu-plugin that unregisters one field: what an outdated companion plugin looks like.
  const muDir = path.join(wp.contentDir, 'mu-plugins');
  mkdirSync(muDir, { recursive: true });
  const mu = path.join(muDir, 'drop-year-built.php');
  writeFileSync(
    mu,
    "<?php add_action('init', function () { unregister_post_meta('property', 'ra_YearBuilt'); }, 30);\n",
  );
  try {
    const { input, listing } = await arrange(1);
    await run(activities.uploadMedia, input);
    const err = await failure(run(activities.pushProperty, input));
    assert.equal(err.nonRetryable, true);
    assert.equal(err.type, 'WordPressMismatch');
    assert.match(err.message, /dropped the field\(s\) ra_YearBuilt/);
    assert.match(err.message, /Realty Assistant plugin/);
    const [draft] = await wpApi().postsOf('properties', listing.listingId);
    assert.equal(draft.status, 'draft', 'a post that does not match is never published');
    const pub = await publicationOf(db, listing.listingId, input.siteId);
    assert.equal(pub.state, 'failed');
    assert.equal(pub.remote_id, String(draft.id), 'the draft is remembered for the retry');
  } finally {
    rmSync(mu, { force: true });
  }
});

test('a cover photo deleted on WordPress is caught, and uploading again repairs it', async () => {
  const { input, listing } = await arrange(2);
  await run(activities.uploadMedia, input);
  const pub = await publicationOf(db, listing.listingId, input.siteId);
  const coverId = pub.remote_media[listing.assetIds[0]!].id;
  const deleted = await wpApi().call('DELETE', `/wp/v2/media/${coverId}?force=true`);
  assert.equal(deleted.status, 200);

  const err = await failure(run(activities.pushProperty, input));
  assert.equal(err.type, 'WordPressMismatch');
  assert.match(err.message, new RegExp(`did not keep the cover photo \\(media ${coverId}`));

  const again = await run(activities.uploadMedia, input);
  assert.deepEqual(again, { total: 2, uploaded: 1, reused: 1 });
  const pushed = await run(activities.pushProperty, input);
  const post = await wpApi().get(`/wp/v2/properties/${pushed.remoteId}?context=edit`);
  assert.notEqual(post.featured_media, coverId);
  assert.equal(post.status, 'publish');
  assert.equal((await wpApi().postsOf('properties', listing.listingId)).length, 1);
});

test('two attempts at once: one holds the lease, the other retries later; one post', async () => {
  const { input, listing }: { input: any; listing: SeededListing } = await arrange(1);
  await run(activities.uploadMedia, input);
  const results = await Promise.allSettled([
    run(activities.pushProperty, input),
    run(activities.pushProperty, input),
  ]);
  const rejected = results.filter((r) => r.status === 'rejected');
  assert.equal(rejected.length, 1, 'exactly one attempt is turned away');
  const reason = (rejected[0] as PromiseRejectedResult).reason as ApplicationFailure;
  assert.equal(reason.type, 'PublicationBusy');
  assert.equal(reason.nonRetryable, false);
  assert.ok(reason.nextRetryDelay, 'it says when to come back');
  assert.equal((await wpApi().postsOf('properties', listing.listingId)).length, 1);
});

test('a lease left by a crashed attempt holds the next one off until it expires', async () => {
  const { input, listing } = await arrange(1);
  await run(activities.uploadMedia, input);
  await db
    .owner('publications')
    .where({ listing_id: listing.listingId })
    .update({
      lease_owner: 'killed-worker',
      lease_expires_at: db.owner.raw("now() + interval '2 seconds'"),
    });
  const busy = await failure(run(activities.pushProperty, input));
  assert.equal(busy.type, 'PublicationBusy');
  assert.equal(busy.nonRetryable, false);
  assert.match(String(busy.nextRetryDelay), /^[12]s$/);
  assert.equal(
    (await wpApi().postsOf('properties', listing.listingId)).length,
    0,
    'nothing written',
  );
  await new Promise((r) => setTimeout(r, 2100));
  const pushed = await run(activities.pushProperty, input);
  assert.equal(pushed.status, 'publish');
  const pub = await publicationOf(db, listing.listingId, input.siteId);
  assert.equal(pub.lease_owner, null);
});
