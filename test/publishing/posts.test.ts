/**
 * The `posts` profile (any WordPress): a regular post with the description, a gallery block,
 * a facts table, a category and tags. Run against a WordPress *without* the companion plugin,
 * where `realty_listing_id` is dropped and the deterministic slug finds the post again, and
 * against one with it.
 */
import assert from 'node:assert/strict';
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
  runActivity,
  seedListing,
  seedSite,
  startTestWordPress,
} from './support';

let db: TestDatabase;
let plain: WordPressServer;
let withPlugin: WordPressServer;
let deps: ActivityDeps;
let activities: ReturnType<typeof createPublishingActivities>;
const secrets = createSecretBox(Buffer.alloc(32, 5).toString('base64'));

before(async () => {
  db = await createTestDatabase();
  [plain, withPlugin] = await Promise.all([startTestWordPress(false), startTestWordPress(true)]);
  deps = testActivityDeps(db.app, secrets, 'http://127.0.0.1:1');
  activities = createPublishingActivities(deps);
});
after(async () => {
  await Promise.all([plain?.stop(), withPlugin?.stop()]);
  await db?.drop();
});

const run = runActivity;

async function arrange(
  wp: WordPressServer,
  profile: 'posts' | 'property',
  opts: { photos?: number; columns?: Record<string, unknown>; password?: string } = {},
) {
  const agency = await seedAgency(db, secrets, { accessToken: 'unused' });
  const listing = await seedListing(db, deps.storage, agency.agencyId, opts);
  const siteId = await seedSite(db, secrets, agency.agencyId, wp, profile, opts);
  return { input: { agencyId: agency.agencyId, listingId: listing.listingId, siteId }, listing };
}

async function publish(input: { agencyId: string; listingId: string; siteId: string }) {
  await run(activities.uploadMedia, input);
  return run(activities.pushProperty, input);
}

/** The facts table of a post's content as label -> value. */
function facts(content: string): Record<string, string> {
  const table = /<!-- wp:table -->([\s\S]*?)<!-- \/wp:table -->/.exec(content)?.[1] ?? '';
  return Object.fromEntries(
    [...table.matchAll(/<tr><td>(.*?)<\/td><td>(.*?)<\/td><\/tr>/g)].map((m) => [m[1], m[2]]),
  );
}

test('a post with description, gallery, facts table, category and tags, without the plugin', async () => {
  const { input, listing } = await arrange(plain, 'posts', { photos: 6 });
  const pushed = await publish(input);
  const api = adminApi(plain);
  const post = await api.get(`/wp/v2/posts/${pushed.remoteId}?context=edit`);
  assert.equal(post.status, 'publish');
  assert.equal(post.slug, `bright-2-bedroom-flat-in-baixa-${listing.listingId.slice(0, 8)}`);
  assert.deepEqual(post.meta, [], 'no plugin: WordPress dropped realty_listing_id, as expected');

  const content: string = post.content.raw;
  assert.match(
    content,
    /<p>A bright flat on the third floor with a balcony over Rua Augusta\.<\/p>/,
  );
  assert.doesNotMatch(content, /Superseded text/);
  const media = await api.mediaOf(listing.assetIds);
  assert.equal(media.length, 6);
  const galleryIds = [...content.matchAll(/wp:image \{"id":(\d+)/g)].map((m) => Number(m[1]));
  const order = listing.assetIds.map((a) => media.find((m: any) => m.slug === `ra-${a}`).id);
  assert.deepEqual(galleryIds, order, 'the gallery follows the photo order');
  assert.equal(post.featured_media, order[0]);
  assert.match(
    content,
    /<figcaption class="wp-element-caption">Photo 2: the kitchen<\/figcaption>/,
  );
  assert.deepEqual(facts(content), {
    Price: '€325,000',
    Offer: 'For sale',
    Type: 'Apartment',
    Bedrooms: '2',
    Bathrooms: '1',
    'Living area': '74.5 m²',
    'Year built': '1974',
    'Parking spaces': '0',
    Address: 'Rua Augusta 100, 3º Esq, 1100-053',
    City: 'Lisboa, Lisboa, PT',
    Furnished: 'Yes',
  });

  const [category] = await api.get(`/wp/v2/categories?slug=for-sale`);
  assert.deepEqual(post.categories, [category.id]);
  const tags = await api.get(`/wp/v2/tags?include=${post.tags.join(',')}`);
  assert.deepEqual(tags.map((t: any) => t.name).sort(), [
    'Apartment',
    'Lisboa',
    'balcony',
    'elevator',
  ]);
});

test('without the plugin, a second run and a lost record find the post by its slug', async () => {
  const { input, listing } = await arrange(plain, 'posts', { photos: 2 });
  const first = await publish(input);
  const again = await publish(input);
  assert.equal(again.remoteId, first.remoteId);
  await db
    .owner('publications')
    .where({ listing_id: listing.listingId })
    .update({ remote_id: null, remote_media: '{}' });
  const lost = await publish(input);
  assert.equal(lost.remoteId, first.remoteId);
  assert.equal(lost.created, false);
  const slug = `bright-2-bedroom-flat-in-baixa-${listing.listingId.slice(0, 8)}`;
  assert.equal((await adminApi(plain).postsOf('posts', listing.listingId, slug)).length, 1);
  assert.equal((await adminApi(plain).mediaOf(listing.assetIds)).length, 2);
});

test('archiving a post unpublishes it (sold or withdrawn); republish puts it back', async () => {
  const { input, listing } = await arrange(plain, 'posts', { photos: 1 });
  const { remoteId } = await publish(input);
  const sold = await run(activities.archiveProperty, { ...input, reason: 'sold' as const });
  assert.deepEqual(sold, { remoteId, status: 'draft' });
  const api = adminApi(plain);
  assert.equal((await api.get(`/wp/v2/posts/${remoteId}?context=edit`)).status, 'draft');
  const anonymous = await fetch(plain.restUrl(`/wp/v2/posts/${remoteId}`));
  assert.equal(anonymous.status, 401, 'the public can no longer read it');
  const pub = await publicationOf(db, listing.listingId, input.siteId);
  assert.deepEqual(
    [pub.state, pub.archived_reason, pub.remote_status],
    ['archived', 'sold', 'draft'],
  );

  await run(activities.pushProperty, input);
  assert.equal((await api.get(`/wp/v2/posts/${remoteId}?context=edit`)).status, 'publish');
});

test('a Spanish listing gets its facts and category in Spanish', async () => {
  const { input } = await arrange(plain, 'posts', {
    photos: 1,
    columns: { language: 'es', listing_type: 'rent', rent_period: 'monthly', list_price: '1200' },
  });
  const { remoteId } = await publish(input);
  const post = await adminApi(plain).get(`/wp/v2/posts/${remoteId}?context=edit`);
  const table = facts(post.content.raw);
  assert.equal(table.Dormitorios, '2');
  assert.equal(table.Operación, 'En alquiler');
  // ICU puts a no-break space between amount and symbol in Spanish.
  assert.equal(table.Precio, '1200\u00a0€ / mes');
  const [category] = await adminApi(plain).get(`/wp/v2/categories?slug=for-rent`);
  assert.equal(category.name, 'En alquiler');
});

test('with the plugin, the post carries realty_listing_id and is found by it', async () => {
  const { input, listing } = await arrange(withPlugin, 'posts', { photos: 1 });
  const first = await publish(input);
  const post = await adminApi(withPlugin).get(`/wp/v2/posts/${first.remoteId}?context=edit`);
  assert.deepEqual(post.meta, { realty_listing_id: listing.listingId });
  await db
    .owner('publications')
    .where({ listing_id: listing.listingId })
    .update({ remote_id: null });
  assert.equal((await run(activities.pushProperty, input)).remoteId, first.remoteId);
  assert.equal((await adminApi(withPlugin).postsOf('posts', listing.listingId)).length, 1);
});

test('the property profile on a site without the plugin fails for good, saying so', async () => {
  const { input, listing } = await arrange(plain, 'property', { photos: 1 });
  await run(activities.uploadMedia, input);
  const err = await run(activities.pushProperty, input).catch((e: unknown) => e);
  assert.ok(err instanceof ApplicationFailure);
  assert.equal(err.nonRetryable, true);
  assert.equal(err.type, 'WordPressPluginMissing');
  assert.match(
    err.message,
    /has no \/wp\/v2\/properties route: the Realty Assistant plugin is missing/,
  );
  const pub = await publicationOf(db, listing.listingId, input.siteId);
  assert.equal(pub.state, 'failed');
  assert.equal(pub.error, err.message);
});

test('without the plugin a wrong password reads as "not logged in": still an auth failure', async () => {
  const { input } = await arrange(plain, 'posts', {
    photos: 1,
    password: 'abcd efgh ijkl mnop qrst uvwx',
  });
  const err = await run(activities.uploadMedia, input).catch((e: unknown) => e);
  assert.ok(err instanceof ApplicationFailure);
  assert.equal(err.nonRetryable, true);
  assert.equal(err.type, 'WordPressAuth');
  assert.match(err.message, /did not accept the credentials of user "admin"/);
});
