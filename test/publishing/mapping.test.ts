/** The pure parts of publishing: slugs, text cleaning, read-back comparison, Retry-After. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeBaseUrl, parseRetryAfter } from '../../lib/wordpress/client';
import {
  archiveWrite,
  cleanText,
  mismatches,
  slugOf,
  type RemotePost,
} from '../../lib/wordpress/mapping';
import type { PublishableListing } from '../../lib/wordpress/listingSource';

const listing = (title: string | null, fields: Partial<PublishableListing['fields']> = {}) =>
  ({
    id: '3F2504E0-4F89-11D3-9A0C-0305E82C3301',
    agencyId: 'a',
    title,
    language: 'es',
    description: '',
    features: [],
    photos: [],
    fields: {
      PropertySubType: null,
      PropertyType: null,
      ListingType: null,
      BedroomsTotal: null,
      City: null,
      ...fields,
    },
  }) as unknown as PublishableListing;

test('slugs are ASCII, stable and end with the listing id; a title in Arabic still gets one', () => {
  assert.equal(
    slugOf(listing('Ático con terraza en Málaga')),
    'atico-con-terraza-en-malaga-3f2504e0',
  );
  assert.equal(slugOf(listing('شقة في دبي')), 'listing-3f2504e0');
  assert.equal(
    slugOf(listing(null, { PropertySubType: 'Apartment', BedroomsTotal: 2, City: 'Sevilla' })),
    'apartment-2-dormitorios-sevilla-3f2504e0',
  );
});

test('cleanText does what sanitize_text_field does to a meta string', () => {
  assert.equal(cleanText('  Rua Augusta\n100\t<b>3º</b>  Esq '), 'Rua Augusta 100 3º Esq');
  assert.equal(cleanText('50%20off a < b'), '50off a &lt; b');
});

const post = (over: Partial<RemotePost>): RemotePost => ({
  id: 1,
  status: 'draft',
  slug: 's',
  link: 'l',
  title: { raw: 'A & B' },
  featured_media: 7,
  meta: { ra_City: 'Lisboa', ra_ListPrice: 1250.5 },
  content: { raw: '<img class="wp-image-7"/><img class="wp-image-8"/>' },
  ...over,
});

test('the read-back check names what WordPress dropped or changed, and nothing else', () => {
  const expect = {
    title: 'A & B',
    featuredMedia: 7,
    meta: { ra_City: 'Lisboa', ra_ListPrice: 1250.5, ra_YearBuilt: 1974 },
    mediaIds: [7, 8],
    categories: [],
    tags: [],
  };
  assert.deepEqual(mismatches({ ...expect, meta: { ra_City: 'Lisboa' } }, post({})), []);
  const kses = mismatches(expect, post({ title: { raw: 'A &amp; B' } }));
  assert.ok(!kses.some((p) => /title/.test(p)), 'a kses-encoded title is the same title');
  assert.match(mismatches(expect, post({ title: { raw: 'A and B' } }))[0]!, /the title reads/);
  const problems = mismatches(
    expect,
    post({ featured_media: 0, content: { raw: '<img class="wp-image-7"/>' } }),
  );
  assert.equal(problems.length, 3);
  assert.match(problems[0]!, /did not keep the cover photo \(media 7; it has none\)/);
  assert.match(problems[1]!, /dropped the field\(s\) ra_YearBuilt/);
  assert.match(problems[2]!, /the gallery lost image\(s\) 8/);
});

test('archiving: posts are unpublished; a sold property is marked Closed and stays up', () => {
  assert.deepEqual(archiveWrite('posts', 'sold'), { status: 'draft', meta: {} });
  assert.deepEqual(archiveWrite('property', 'sold'), { meta: { ra_StandardStatus: 'Closed' } });
  assert.deepEqual(archiveWrite('property', 'withdrawn'), {
    status: 'draft',
    meta: { ra_StandardStatus: 'Withdrawn' },
  });
});

test('Retry-After in seconds or as a date; base URLs as operators paste them', () => {
  const now = Date.parse('2026-11-26T12:00:00Z');
  assert.equal(parseRetryAfter('120', now), 120);
  assert.equal(parseRetryAfter('Thu, 26 Nov 2026 12:00:30 GMT', now), 30);
  assert.equal(parseRetryAfter('Thu, 26 Nov 2026 11:00:00 GMT', now), 0);
  assert.equal(parseRetryAfter('soon', now), undefined);
  assert.equal(
    normalizeBaseUrl('https://agency.example/blog/wp-json/wp/v2/'),
    'https://agency.example/blog',
  );
  assert.equal(normalizeBaseUrl(' https://agency.example/ '), 'https://agency.example');
  assert.equal(normalizeBaseUrl('https://agency.example/?rest_route=/'), 'https://agency.example');
});
