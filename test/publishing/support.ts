import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { freePort } from '../../scripts/services/process';
import { startWordPress, type WordPressServer } from '../../scripts/services/wordpress';
import type { TestDatabase } from '../support/database';
import type { SecretBox } from '../../lib/crypto/secretBox';
import type { Storage } from '../../lib/storage';

/** A real WordPress (Debian's package) in a scratch directory, removed by `stop()`. */
export async function startTestWordPress(plugin: boolean): Promise<WordPressServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'realty-pub-wp-'));
  const wp = await startWordPress({ port: await freePort(), dir, plugin });
  return {
    ...wp,
    async stop() {
      await wp.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The site's REST API as its administrator, for reading back what publishing wrote. */
export function adminApi(wp: WordPressServer) {
  const call = async (method: string, route: string, body?: unknown) => {
    const res = await fetch(wp.restUrl(route), {
      method,
      headers: { authorization: wp.authorization, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return {
    call,
    get: async (route: string) => {
      const res = await call('GET', route);
      if (res.status !== 200)
        throw new Error(`GET ${route}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    /** Every post of the listing in any status, trash included. */
    postsOf: async (collection: 'posts' | 'properties', listingId: string, slug?: string) => {
      const q = slug ? `slug=${slug}` : `realty_listing_id=${listingId}`;
      const res = await call(
        'GET',
        `/wp/v2/${collection}?${q}&status=publish,future,draft,pending,private,trash&context=edit&per_page=100`,
      );
      return (res.body as any[]).filter(
        (p) => slug !== undefined || p.meta?.realty_listing_id === listingId,
      );
    },
    /** Media whose slug is `ra-<asset id>`, for each asset. */
    mediaOf: async (assetIds: string[]) => {
      const res = await call(
        'GET',
        `/wp/v2/media?slug=${assetIds.map((a) => `ra-${a}`).join(',')}&per_page=100&context=edit`,
      );
      return res.body as any[];
    },
  };
}

/** A small JPEG whose pixels differ per `seed` (so each photo is a distinct file). */
export const jpeg = (seed: number): Promise<Buffer> =>
  sharp({
    create: {
      width: 48,
      height: 32,
      channels: 3,
      background: { r: (seed * 53) % 256, g: (seed * 97) % 256, b: (seed * 29) % 256 },
    },
  })
    .jpeg({ quality: 80 })
    .toBuffer();

export const LISTING_COLUMNS = {
  title: 'Bright 2-bedroom flat in Baixa',
  language: 'en',
  status: 'approved',
  listing_type: 'sale',
  list_price: '325000.00',
  currency: 'EUR',
  property_type: 'Residential',
  property_sub_type: 'Apartment',
  bedrooms_total: 2,
  bathrooms_total_integer: 1,
  living_area: '74.50',
  living_area_units: 'sqm',
  year_built: 1974,
  parking_total: 0,
  unparsed_address: 'Rua Augusta 100, 3º Esq',
  city: 'Lisboa',
  state_or_province: 'Lisboa',
  postal_code: '1100-053',
  country: 'PT',
  latitude: '38.710600',
  longitude: '-9.137600',
  furnished: true,
  features: JSON.stringify(['elevator', 'balcony']),
};

export const DESCRIPTION =
  'A bright flat on the third floor with a balcony over Rua Augusta.\n\nTwo bedrooms, one bathroom & a lift.';

export interface SeededListing {
  listingId: string;
  assetIds: string[];
}

/** A listing with `photos` stored photos (captioned, ordered) and an approved description. */
export async function seedListing(
  db: TestDatabase,
  storage: Storage,
  agencyId: string,
  opts: { photos?: number; columns?: Record<string, unknown> } = {},
): Promise<SeededListing> {
  const listingId = randomUUID();
  await db.owner('listings').insert({
    id: listingId,
    agency_id: agencyId,
    ...LISTING_COLUMNS,
    ...opts.columns,
  });
  await db.owner('drafts').insert([
    {
      agency_id: agencyId,
      listing_id: listingId,
      kind: 'description_long',
      language: 'en',
      content: DESCRIPTION,
      status: 'generated',
    },
    // An older revision that must not be published.
    {
      agency_id: agencyId,
      listing_id: listingId,
      kind: 'description_long',
      language: 'en',
      content: 'Superseded text.',
      status: 'superseded',
    },
  ]);
  const rooms = ['living room', 'kitchen', 'bedroom', 'bedroom', 'bathroom', 'balcony'];
  const assetIds: string[] = [];
  for (let i = 0; i < (opts.photos ?? 6); i++) {
    const bytes = await jpeg(i + assetIds.length + Math.floor(Math.random() * 1000));
    const key = `${agencyId}/listings/${listingId}/photo-${i}.jpg`;
    await storage.put(key, bytes, { contentType: 'image/jpeg' });
    const [row] = await db
      .owner('listing_assets')
      .insert({
        agency_id: agencyId,
        listing_id: listingId,
        storage_key: key,
        mime_type: 'image/jpeg',
        bytes: bytes.length,
        order: i,
        image_of: rooms[i % rooms.length],
        long_description: `Photo ${i + 1}: the ${rooms[i % rooms.length]}`,
        status: 'stored',
      })
      .returning('id');
    assetIds.push(row.id as string);
  }
  return { listingId, assetIds };
}

/** A connected WordPress site of the agency, its application password sealed as the API does. */
export async function seedSite(
  db: TestDatabase,
  secrets: SecretBox,
  agencyId: string,
  wp: Pick<WordPressServer, 'baseUrl' | 'username' | 'applicationPassword'>,
  profile: 'posts' | 'property',
  opts: { baseUrl?: string; password?: string } = {},
): Promise<string> {
  const [row] = await db
    .owner('wordpress_sites')
    .insert({
      agency_id: agencyId,
      name: `site ${randomUUID().slice(0, 6)}`,
      base_url: opts.baseUrl ?? wp.baseUrl,
      username: wp.username,
      app_password_encrypted: secrets.seal(opts.password ?? wp.applicationPassword),
      mapping_profile: profile,
    })
    .returning('id');
  return row.id as string;
}

export const publicationOf = (db: TestDatabase, listingId: string, siteId: string) =>
  db.owner('publications').where({ listing_id: listingId, site_id: siteId }).first();

/** Runs an activity in a fresh mock context; expected failures are not logged as warnings. */
export const runActivity = <A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
  ...args: A
): Promise<R> =>
  new MockActivityEnvironment(undefined, { logger: new DefaultLogger('ERROR') }).run(fn, ...args);
