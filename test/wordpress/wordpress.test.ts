/**
 * A real WordPress (Debian's 6.1 package) with the companion plugin, driven over HTTP the way
 * the publishing activities will drive an agency's site: Basic auth with an application password.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { freePort } from '../../scripts/services/process';
import { startWordPress, type WordPressServer } from '../../scripts/services/wordpress';

const FIXTURES = path.resolve(__dirname, '../../../shared/fixtures/wordpress');

/** A 4x3 JPEG (693 bytes, written by PHP's GD). */
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEAYABgAAD//gA7Q1JFQVRPUjogZ2QtanBlZyB2MS4wICh1c2luZyBJSkcgSlBFRyB2NjIp' +
    'LCBxdWFsaXR5ID0gNTAK/9sAQwAQCwwODAoQDg0OEhEQExgoGhgWFhgxIyUdKDozPTw5Mzg3QEhcTkBEV0U3OFBt' +
    'UVdfYmdoZz5NcXlwZHhcZWdj/9sAQwEREhIYFRgvGhovY0I4QmNjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2Nj' +
    'Y2NjY2NjY2NjY2NjY2NjY2NjY2Nj/8AAEQgAAwAEAwEiAAIRAQMRAf/EAB8AAAEFAQEBAQEBAAAAAAAAAAABAgME' +
    'BQYHCAkKC//EALUQAAIBAwMCBAMFBQQEAAABfQECAwAEEQUSITFBBhNRYQcicRQygZGhCCNCscEVUtHwJDNicoIJ' +
    'ChYXGBkaJSYnKCkqNDU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6g4SFhoeIiYqSk5SVlpeY' +
    'mZqio6Slpqeoqaqys7S1tre4ubrCw8TFxsfIycrS09TV1tfY2drh4uPk5ebn6Onq8fLz9PX29/j5+v/EAB8BAAMB' +
    'AQEBAQEBAQEAAAAAAAABAgMEBQYHCAkKC//EALURAAIBAgQEAwQHBQQEAAECdwABAgMRBAUhMQYSQVEHYXETIjKB' +
    'CBRCkaGxwQkjM1LwFWJy0QoWJDThJfEXGBkaJicoKSo1Njc4OTpDREVGR0hJSlNUVVZXWFlaY2RlZmdoaWpzdHV2' +
    'd3h5eoKDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uLj5OXm5+jp' +
    '6vLz9PX29/j5+v/aAAwDAQACEQMRAD8Akooorxj1j//Z',
  'base64',
);

let wp: WordPressServer;
let dir: string;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'realty-wp-'));
  wp = await startWordPress({ port: await freePort(), dir, plugin: true });
});
after(async () => {
  await wp?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

async function api(
  method: string,
  route: string,
  body?: unknown,
  authorization = wp.authorization,
): Promise<Reply> {
  const res = await fetch(wp.restUrl(route), {
    method,
    headers: { authorization, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

/** Every field the plugin registers, as a fully filled-in listing. */
const listingMeta = (listingId: string) => ({
  realty_listing_id: listingId,
  ra_ListPrice: 1250.5,
  ra_Currency: 'EUR',
  ra_ListingType: 'rent',
  ra_RentPeriod: 'month',
  ra_PropertyType: 'Residential',
  ra_PropertySubType: 'Apartment',
  ra_BedroomsTotal: 0,
  ra_BathroomsTotalInteger: 1,
  ra_LivingArea: 42.5,
  ra_LivingAreaUnits: 'Square Meters',
  ra_LotSizeArea: 0,
  ra_LotSizeUnits: 'Square Meters',
  ra_YearBuilt: 1974,
  ra_ParkingTotal: 1,
  ra_UnparsedAddress: 'Rua Augusta 100, 3º Esq',
  ra_City: 'Lisboa',
  ra_StateOrProvince: 'Lisboa',
  ra_PostalCode: '1100-053',
  ra_Country: 'PT',
  ra_Latitude: 38.7106,
  ra_Longitude: -9.1376,
  ra_StandardStatus: 'Active',
});

async function createProperty(meta: Record<string, unknown>, extra: object = {}) {
  const res = await api('POST', '/wp/v2/properties', {
    title: 'Studio in Baixa',
    content: '<p>Bright studio, one bathroom.</p>',
    status: 'draft',
    meta,
    ...extra,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res;
}

test('the application password authenticates the administrator', async () => {
  const me = await api('GET', '/wp/v2/users/me?context=edit');
  assert.equal(me.status, 200);
  assert.equal(me.body.username, wp.username);
  assert.deepEqual(me.body.roles, ['administrator']);
  for (const cap of ['edit_posts', 'publish_posts', 'upload_files', 'manage_options'])
    assert.equal(me.body.capabilities[cap], true, cap);
});

test('a draft property keeps its listing fields, typed, through a round trip', async () => {
  const listingId = randomUUID();
  const meta = listingMeta(listingId);
  const slug = `studio-baixa-${listingId.slice(0, 8)}`;
  const created = await createProperty(meta, { slug });
  assert.equal(created.body.type, 'property');
  assert.equal(created.body.status, 'draft');
  assert.equal(created.body.slug, slug, 'an explicit slug is kept on a draft');
  assert.match(created.headers.get('location') ?? '', /rest_route=\/wp\/v2\/properties\/\d+$/);
  assert.deepEqual(created.body.meta, meta);

  const read = await api('GET', `/wp/v2/properties/${created.body.id}?context=edit`);
  assert.equal(read.status, 200);
  assert.deepEqual(read.body.meta, meta);
  assert.equal(read.body.title.raw, 'Studio in Baixa');

  // The listing id is internal: the view context leaves it out.
  const view = await api('GET', `/wp/v2/properties/${created.body.id}`);
  assert.equal(view.body.meta.ra_City, 'Lisboa');
  assert.ok(!('realty_listing_id' in view.body.meta));
});

test('fields never sent read as null; null deletes one; 0 stays 0', async () => {
  const created = await createProperty({ realty_listing_id: randomUUID(), ra_BedroomsTotal: 2 });
  assert.equal(created.body.meta.ra_BedroomsTotal, 2);
  assert.equal(created.body.meta.ra_ListPrice, null, 'not 0, which WordPress answers by default');
  assert.equal(created.body.meta.ra_City, null);

  const id = created.body.id as number;
  const cleared = await api('POST', `/wp/v2/properties/${id}`, {
    meta: { ra_BedroomsTotal: null, ra_BathroomsTotalInteger: 0 },
  });
  assert.equal(cleared.status, 200);
  assert.equal(cleared.body.meta.ra_BedroomsTotal, null);
  assert.equal(cleared.body.meta.ra_BathroomsTotalInteger, 0);
});

test('a value of the wrong type is refused with 400', async () => {
  const created = await createProperty({ realty_listing_id: randomUUID() });
  const res = await api('POST', `/wp/v2/properties/${created.body.id}`, {
    meta: { ra_BedroomsTotal: 'three' },
  });
  assert.equal(res.status, 400);
  assert.equal(res.body.code, 'rest_invalid_type');
  assert.deepEqual(res.body.additional_data, [{ param: 'meta.ra_BedroomsTotal' }]);
});

test('a listing is found again by realty_listing_id, drafts included', async () => {
  const listingId = randomUUID();
  const created = await createProperty({ realty_listing_id: listingId });
  await createProperty({ realty_listing_id: randomUUID() }); // a neighbour that must not match

  const found = await api(
    'GET',
    `/wp/v2/properties?realty_listing_id=${listingId}&status=any&context=edit&_fields=id,meta`,
  );
  assert.equal(found.status, 200);
  assert.deepEqual(
    found.body.map((p: { id: number }) => p.id),
    [created.body.id],
  );
  assert.equal(found.body[0].meta.realty_listing_id, listingId);

  // Without status=any a collection lists published posts only.
  const published = await api('GET', `/wp/v2/properties?realty_listing_id=${listingId}`);
  assert.deepEqual(published.body, []);

  const none = await api('GET', `/wp/v2/properties?realty_listing_id=${randomUUID()}&status=any`);
  assert.deepEqual(none.body, []);
});

test('regular posts carry realty_listing_id too and are found by it', async () => {
  const listingId = randomUUID();
  const post = await api('POST', '/wp/v2/posts', {
    title: 'Studio in Baixa',
    status: 'draft',
    meta: { realty_listing_id: listingId, ra_ListPrice: 1 },
  });
  assert.equal(post.status, 201);
  assert.deepEqual(
    post.body.meta,
    { realty_listing_id: listingId },
    'RESO fields are property-only',
  );

  const found = await api('GET', `/wp/v2/posts?realty_listing_id=${listingId}&status=any`);
  assert.deepEqual(
    found.body.map((p: { id: number }) => p.id),
    [post.body.id],
  );
  const notAProperty = await api(
    'GET',
    `/wp/v2/properties?realty_listing_id=${listingId}&status=any`,
  );
  assert.deepEqual(notAProperty.body, []);
});

test('an uploaded JPEG becomes the featured image; unknown ids are dropped silently', async () => {
  const upload = await fetch(wp.restUrl('/wp/v2/media'), {
    method: 'POST',
    headers: {
      authorization: wp.authorization,
      'content-type': 'image/jpeg',
      'content-disposition': 'attachment; filename="cover.jpg"',
    },
    body: JPEG,
  });
  const media = (await upload.json()) as any;
  assert.equal(upload.status, 201, JSON.stringify(media));
  assert.equal(media.media_type, 'image');
  assert.equal(media.mime_type, 'image/jpeg');
  assert.equal(media.media_details.width, 4);
  assert.equal(media.media_details.height, 3);

  // The file is served back byte for byte from this instance's uploads directory.
  const served = await fetch(media.source_url);
  assert.equal(served.status, 200);
  assert.deepEqual(Buffer.from(await served.arrayBuffer()), JPEG);

  const property = await createProperty({ realty_listing_id: randomUUID() });
  const id = property.body.id as number;
  const featured = await api('POST', `/wp/v2/properties/${id}`, { featured_media: media.id });
  assert.equal(featured.status, 200);
  assert.equal(featured.body.featured_media, media.id);
  const again = await api('POST', `/wp/v2/properties/${id}`, { featured_media: media.id });
  assert.equal(again.status, 200, 'setting the same image twice is fine');

  // WordPress ignores handle_featured_media's error: 200, and the image is gone or never set.
  const unknown = await api('POST', `/wp/v2/properties/${id}`, { featured_media: 999_999 });
  assert.equal(unknown.status, 200);
  assert.equal(unknown.body.featured_media, media.id, 'an unknown id leaves the image as it was');
  const notAnImage = await api('POST', `/wp/v2/properties/${id}`, { featured_media: id });
  assert.equal(notAnImage.status, 200);
  assert.equal(notAnImage.body.featured_media, 0, 'a non-image id removes the featured image');
  const fresh = await createProperty({}, { featured_media: 999_999 });
  assert.equal(fresh.body.featured_media, 0);
});

const wrongPassword = (username: string) =>
  `Basic ${Buffer.from(`${username}:abcd efgh ijkl mnop qrst uvwx`).toString('base64')}`;

test('with the plugin, a wrong application password is 401 incorrect_password', async () => {
  const fixture = JSON.parse(
    readFileSync(path.join(FIXTURES, 'error_incorrect_password__401.json'), 'utf8'),
  );
  for (const [method, route] of [
    ['GET', '/wp/v2/users/me'],
    ['POST', '/wp/v2/properties'],
  ] as const) {
    const res = await api(
      method,
      route,
      method === 'POST' ? { title: 'x' } : undefined,
      wrongPassword(wp.username),
    );
    assert.equal(res.status, 401, route);
    assert.deepEqual(res.body, fixture, route);
  }
});

test('a second instance runs beside the first, with its own database and config', async () => {
  const otherDir = mkdtempSync(path.join(os.tmpdir(), 'realty-wp-'));
  const other = await startWordPress({ port: await freePort(), dir: otherDir });
  try {
    const me = await fetch(other.restUrl('/wp/v2/users/me'), {
      headers: { authorization: other.authorization },
    });
    assert.equal(me.status, 200);
    const crossed = await fetch(other.restUrl('/wp/v2/users/me'), {
      headers: { authorization: wp.authorization },
    });
    assert.equal(crossed.status, 401, "one instance's password does not open the other");

    // Without the plugin: no property type, and (WordPress 6.1.9) a wrong application password
    // reads like no credentials at all; the sync has to treat both codes as "fix the password".
    const noType = await fetch(other.restUrl('/wp/v2/properties'));
    assert.equal(noType.status, 404);
    assert.equal(((await noType.json()) as any).code, 'rest_no_route');
    const wrong = await fetch(other.restUrl('/wp/v2/users/me'), {
      headers: { authorization: wrongPassword(other.username) },
    });
    assert.equal(wrong.status, 401);
    assert.equal(((await wrong.json()) as any).code, 'rest_not_logged_in');
  } finally {
    await other.stop();
    rmSync(otherDir, { recursive: true, force: true });
  }
  const leftovers = await promisify(execFile)('mariadb', [
    ...['-h', '127.0.0.1', '-u', 'root', '--batch', '--skip-column-names'],
    '-e',
    `show databases like '${other.database}'`,
  ]);
  assert.equal(leftovers.stdout.trim(), '', 'stop() drops the database');
  assert.ok(!existsSync(other.configFile), 'stop() removes the config file');
});

test('an unregistered meta key is dropped without an error', async () => {
  const listingId = randomUUID();
  const created = await createProperty({
    realty_listing_id: listingId,
    ra_City: 'Porto',
    ra_Neighbourhood: 'Ribeira',
    fave_property_price: 1,
  });
  assert.equal(created.body.meta.ra_City, 'Porto');
  assert.ok(!('ra_Neighbourhood' in created.body.meta));
  assert.ok(!('fave_property_price' in created.body.meta));
  const stored = await postMeta(created.body.id);
  assert.equal(stored.ra_City, 'Porto');
  assert.equal(stored.ra_Neighbourhood, undefined, 'nothing was stored either');
});

test('with the Houzez option on, fields are copied onto fave_* keys', async () => {
  const on = await api('POST', '/wp/v2/settings', { realty_assistant_houzez_mirror: true });
  assert.equal(on.status, 200);
  assert.equal(on.body.realty_assistant_houzez_mirror, true);
  try {
    const created = await createProperty(listingMeta(randomUUID()));
    let stored = await postMeta(created.body.id);
    assert.equal(stored.fave_property_price, '1250.5');
    assert.equal(stored.fave_property_bedrooms, '0');
    assert.equal(stored.fave_property_size, '42.5');
    assert.equal(stored.fave_property_size_prefix, 'Square Meters');
    assert.equal(stored.fave_property_zip, '1100-053');
    assert.equal(stored.fave_property_location, '38.7106,-9.1376,15');

    await api('POST', `/wp/v2/properties/${created.body.id}`, { meta: { ra_ListPrice: null } });
    stored = await postMeta(created.body.id);
    assert.equal(stored.fave_property_price, undefined, 'a cleared field is cleared on Houzez too');
  } finally {
    await api('POST', '/wp/v2/settings', { realty_assistant_houzez_mirror: false });
  }
});

/** The post's meta rows as stored, read straight from MariaDB. */
async function postMeta(postId: number): Promise<Record<string, string>> {
  const { stdout } = await promisify(execFile)('mariadb', [
    ...['-h', '127.0.0.1', '-u', 'root', '--batch', '--skip-column-names', wp.database],
    '-e',
    `select meta_key, meta_value from wp_postmeta where post_id = ${Number(postId)}`,
  ]);
  return Object.fromEntries(
    stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('\t') as [string, string]),
  );
}
