import { factsTable, gallery, paragraphs, referencedImageIds, type GalleryImage } from './blocks';
import { factRows, labelsFor, titleOf } from './facts';
import type { ListingFields, PublishableListing } from './listingSource';
import { isNumberedCaption, RESO_IMAGE_OF } from '../ai/photos/captions';
import type { RoomTag } from '../ai/photos/measure';

/**
 * The two ways a listing becomes a WordPress post:
 * - `posts`: a regular post (any WordPress): description, a gallery block, a facts table, a
 *   category (for sale / for rent) and tags (city, type, features).
 * - `property`: the companion plugin's `property` type with the fields as typed `ra_*` meta
 *   (RESO names), description and gallery as content.
 * Both carry `realty_listing_id` meta (stored only where the plugin registers it) and a
 * deterministic slug, which is how a retried publish finds its post again.
 */
export const MAPPING_PROFILES = ['posts', 'property'] as const;
export type MappingProfile = (typeof MAPPING_PROFILES)[number];

export interface ProfileSpec {
  /** Collection route of the post type. */
  route: string;
  /** Capabilities the WordPress user needs (from `/wp/v2/users/me?context=edit`). */
  capabilities: readonly string[];
  /** Whether the plugin's route must exist (it registers the post type and meta). */
  needsPlugin: boolean;
}

export const PROFILES: Record<MappingProfile, ProfileSpec> = {
  posts: {
    route: '/wp/v2/posts',
    capabilities: ['upload_files', 'edit_posts', 'publish_posts'],
    needsPlugin: false,
  },
  property: {
    route: '/wp/v2/properties',
    capabilities: ['upload_files', 'edit_posts', 'publish_posts'],
    needsPlugin: true,
  },
};

export const LISTING_ID_META = 'realty_listing_id';

/** What uploadMedia remembers per asset id (publications.remote_media). */
export interface RemoteMediaRef {
  id: number;
  url: string;
}
export type MediaByAsset = Record<string, RemoteMediaRef>;

/** A post as WordPress answers it in the edit context (only what we read). */
export interface RemotePost {
  id: number;
  status: string;
  slug: string;
  link: string;
  title: { raw?: string; rendered?: string };
  content?: { raw?: string };
  featured_media: number;
  meta?: Record<string, unknown>;
  categories?: number[];
  tags?: number[];
}

export type MetaValue = string | number | null;

export interface PostWrite {
  title: string;
  content: string;
  excerpt: string;
  slug: string;
  featured_media: number;
  meta: Record<string, MetaValue>;
  categories?: number[];
  tags?: number[];
}

/** What the read-back must show, or the publish fails loudly. */
export interface Expectation {
  title: string;
  featuredMedia: number;
  /** Meta that must come back exactly (a dropped key means the plugin is missing or old). */
  meta: Record<string, MetaValue>;
  mediaIds: number[];
  categories: number[];
  tags: number[];
}

export interface TermSpec {
  taxonomy: 'categories' | 'tags';
  slug: string;
  name: string;
}
export interface TermIds {
  categories: number[];
  tags: number[];
}

/** RESO lookup names of our unit codes. */
const AREA_UNITS: Record<string, string> = {
  sqm: 'Square Meters',
  sqft: 'Square Feet',
  acres: 'Acres',
  hectares: 'Hectares',
};

/**
 * What WordPress's `sanitize_text_field` does to a string meta value (strip tags, collapse
 * whitespace, drop percent-encoded octets), applied before sending so the read-back compares
 * like with like and a real difference stands out.
 */
export function cleanText(value: string): string {
  let s = value.replace(/<[^>]*>/g, '').replace(/</g, '&lt;');
  s = s.replace(/[\r\n\t ]+/g, ' ');
  while (/%[a-f0-9]{2}/i.test(s)) s = s.replace(/%[a-f0-9]{2}/gi, '');
  return s.trim();
}

const asciiSlug = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');

/** `<title words>-<first 8 of the listing id>`: stable across retries, unique per listing. */
export function slugOf(listing: PublishableListing): string {
  const words = asciiSlug(titleOf(listing));
  const id = listing.id.slice(0, 8).toLowerCase();
  return words ? `${words}-${id}` : `listing-${id}`;
}

/** The media slug (and file name) of one photo: `ra-<asset id>`. */
export const mediaSlugOf = (assetId: string): string => `ra-${assetId.toLowerCase()}`;

/**
 * Alt text describes the photo for people who cannot see it; the caption is shown under it.
 * The agent's or the vision model's caption is the alt text; a numbered placeholder ("Photo
 * 2") describes nothing, so the room (its RESO `ImageOf` name) and the title stand in for it.
 */
export function mediaTextOf(
  listing: PublishableListing,
  photo: PublishableListing['photos'][number],
): { alt: string; caption: string; title: string } {
  const title = titleOf(listing);
  const written = photo.caption ? cleanText(photo.caption) : '';
  const caption = written && !isNumberedCaption(written) ? written : '';
  const tag = photo.imageOf as RoomTag | null;
  const room = tag ? cleanText(RESO_IMAGE_OF[tag] ?? tag) : '';
  return {
    alt: caption || (room ? `${room} – ${title}` : title),
    caption,
    title: room ? `${title} – ${room}` : title,
  };
}

/** Listing fields the plugin registers as `ra_<name>` meta (README of the plugin). */
export const PROPERTY_FIELDS = [
  'ListPrice',
  'Currency',
  'ListingType',
  'RentPeriod',
  'PropertyType',
  'PropertySubType',
  'BedroomsTotal',
  'BathroomsTotalInteger',
  'LivingArea',
  'LivingAreaUnits',
  'LotSizeArea',
  'LotSizeUnits',
  'YearBuilt',
  'ParkingTotal',
  'UnparsedAddress',
  'City',
  'StateOrProvince',
  'PostalCode',
  'Country',
  'Latitude',
  'Longitude',
] as const satisfies ReadonlyArray<keyof ListingFields>;

/** Every meta key the `property` profile writes; the connection check asks the plugin for them. */
export const PROPERTY_META_KEYS = [
  ...PROPERTY_FIELDS.map((f) => `ra_${f}`),
  'ra_StandardStatus',
  LISTING_ID_META,
];

/** The `ra_*` meta of the `property` profile. */
export function propertyMeta(listing: PublishableListing): Record<string, MetaValue> {
  const meta: Record<string, MetaValue> = {};
  for (const name of PROPERTY_FIELDS) {
    let v: MetaValue = listing.fields[name];
    if ((name === 'LivingAreaUnits' || name === 'LotSizeUnits') && typeof v === 'string')
      v = AREA_UNITS[v] ?? v;
    meta[`ra_${name}`] = typeof v === 'string' ? cleanText(v) || null : v;
  }
  meta.ra_StandardStatus = 'Active';
  meta[LISTING_ID_META] = listing.id;
  return meta;
}

/** Category (offer) and tags (city, type, features) of the `posts` profile. */
export function termsOf(listing: PublishableListing): TermSpec[] {
  const f = listing.fields;
  const l = labelsFor(listing.language);
  const terms: TermSpec[] = [];
  if (f.ListingType === 'sale' || f.ListingType === 'rent') {
    terms.push({
      taxonomy: 'categories',
      slug: f.ListingType === 'sale' ? 'for-sale' : 'for-rent',
      name: f.ListingType === 'sale' ? l.sale : l.rent,
    });
  }
  const tagNames = [f.City, f.PropertySubType ?? f.PropertyType, ...listing.features]
    .filter((t): t is string => typeof t === 'string' && t.trim() !== '')
    .map((t) => cleanText(t).slice(0, 60));
  const seen = new Set<string>();
  for (const name of tagNames) {
    const slug = asciiSlug(name) || encodeURIComponent(name.toLowerCase());
    if (seen.has(slug)) continue;
    seen.add(slug);
    terms.push({ taxonomy: 'tags', slug, name });
  }
  return terms;
}

function excerptOf(description: string): string {
  const first = cleanText(description.split(/\n\s*\n/)[0] ?? '');
  return first.length > 300 ? `${first.slice(0, 297).replace(/\s+\S*$/, '')}…` : first;
}

export class MediaNotUploadedError extends Error {}

/** The post to write for a listing, and what the read-back must show. */
export function buildPost(
  profile: MappingProfile,
  listing: PublishableListing,
  media: MediaByAsset,
  terms: TermIds = { categories: [], tags: [] },
): { write: PostWrite; expect: Expectation } {
  const missing = listing.photos.filter((p) => !media[p.assetId]);
  if (missing.length) {
    throw new MediaNotUploadedError(
      `${missing.length} photo(s) are not on WordPress yet (assets ${missing
        .map((p) => p.assetId)
        .join(', ')}): upload media first`,
    );
  }
  const images: GalleryImage[] = listing.photos.map((p) => {
    const ref = media[p.assetId]!;
    const text = mediaTextOf(listing, p);
    return { id: ref.id, url: ref.url, alt: text.alt, caption: text.caption || null };
  });
  const title = cleanText(titleOf(listing));
  const blocks = [paragraphs(listing.description), gallery(images)];
  if (profile === 'posts') blocks.push(factsTable(factRows(listing)));
  const content = blocks.filter(Boolean).join('\n\n');
  const featured = images[0]?.id ?? 0;

  const meta: Record<string, MetaValue> =
    profile === 'property' ? propertyMeta(listing) : { [LISTING_ID_META]: listing.id };
  const write: PostWrite = {
    title,
    content,
    excerpt: excerptOf(listing.description),
    slug: slugOf(listing),
    featured_media: featured,
    meta,
    ...(profile === 'posts' ? { categories: terms.categories, tags: terms.tags } : {}),
  };
  return {
    write,
    expect: {
      title,
      featuredMedia: featured,
      // On `posts`, realty_listing_id is kept only where the plugin is installed; the slug finds
      // the post elsewhere, so its absence is not a failure.
      meta: profile === 'property' ? meta : {},
      mediaIds: images.map((i) => i.id),
      categories: write.categories ?? [],
      tags: write.tags ?? [],
    },
  };
}

export type ArchiveReason = 'sold' | 'withdrawn';

/**
 * Archiving per profile: a regular post is unpublished (back to draft). A property stays up
 * marked `Closed` when sold (agencies show their sales) and is unpublished when withdrawn.
 */
export function archiveWrite(
  profile: MappingProfile,
  reason: ArchiveReason,
): { status?: 'draft'; meta: Record<string, MetaValue> } {
  if (profile === 'posts') return { status: 'draft', meta: {} };
  return reason === 'sold'
    ? { meta: { ra_StandardStatus: 'Closed' } }
    : { status: 'draft', meta: { ra_StandardStatus: 'Withdrawn' } };
}

const sameValue = (a: unknown, b: MetaValue): boolean => {
  if (typeof b === 'number' && typeof a === 'number')
    return Math.abs(a - b) <= 1e-9 * (1 + Math.abs(b));
  return a === b;
};

/**
 * Users without `unfiltered_html` (Authors) get their titles through kses, which writes `&` as
 * `&amp;`: the same text, so entities are decoded before comparing.
 */
const decodeEntities = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#0?39;/g, "'")
    .replace(/&amp;/g, '&');

/** Every way the post WordPress stored differs from what we wrote, in words for an operator. */
export function mismatches(expect: Partial<Expectation>, got: RemotePost): string[] {
  const problems: string[] = [];
  if (
    expect.title !== undefined &&
    got.title.raw !== undefined &&
    decodeEntities(got.title.raw) !== decodeEntities(expect.title)
  )
    problems.push(`the title reads "${got.title.raw}" instead of "${expect.title}"`);
  if (expect.featuredMedia !== undefined && got.featured_media !== expect.featuredMedia) {
    problems.push(
      expect.featuredMedia === 0
        ? `the post has featured image ${got.featured_media} although the listing has no photos`
        : `WordPress did not keep the cover photo (media ${expect.featuredMedia}; it has ${got.featured_media || 'none'}): the image may have been deleted from the media library`,
    );
  }
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(expect.meta ?? {})) {
    const meta = got.meta ?? {};
    if (!(key in meta)) dropped.push(key);
    else if (!sameValue(meta[key], value))
      problems.push(
        `the field ${key} reads ${JSON.stringify(meta[key])} instead of ${JSON.stringify(value)}`,
      );
  }
  if (dropped.length)
    problems.push(
      `WordPress dropped the field(s) ${dropped.join(', ')}: install or update the Realty Assistant plugin (it registers them)`,
    );
  if (expect.mediaIds?.length && got.content?.raw !== undefined) {
    const present = referencedImageIds(got.content.raw);
    const lost = expect.mediaIds.filter((id) => !present.has(id));
    if (lost.length) problems.push(`the gallery lost image(s) ${lost.join(', ')}`);
  }
  for (const taxonomy of ['categories', 'tags'] as const) {
    const want = expect[taxonomy] ?? [];
    const have = new Set(got[taxonomy] ?? []);
    const lost = want.filter((id) => !have.has(id));
    if (lost.length) problems.push(`WordPress did not keep ${taxonomy} ${lost.join(', ')}`);
  }
  return problems;
}
