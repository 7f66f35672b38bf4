import type { Queryable } from '../db';
import { TABLES } from '../db';
import { LINK_PLACEHOLDER } from '../domain/draft';

/**
 * What a publication is made of, read from our tables: the listing's RESO fields, its stored
 * photos in gallery order and the description the operator approved. Everything a mapping
 * profile needs, nothing WordPress-specific.
 */
export interface ListingFields {
  ListPrice: number | null;
  Currency: string | null;
  ListingType: string | null;
  RentPeriod: string | null;
  PropertyType: string | null;
  PropertySubType: string | null;
  BedroomsTotal: number | null;
  BathroomsTotalInteger: number | null;
  LivingArea: number | null;
  LivingAreaUnits: string | null;
  LotSizeArea: number | null;
  LotSizeUnits: string | null;
  YearBuilt: number | null;
  ParkingTotal: number | null;
  UnparsedAddress: string | null;
  City: string | null;
  StateOrProvince: string | null;
  PostalCode: string | null;
  Country: string | null;
  Latitude: number | null;
  Longitude: number | null;
  Furnished: boolean | null;
  PetsAllowed: boolean | null;
}

export interface PublishablePhoto {
  assetId: string;
  storageKey: string;
  mimeType: string;
  /** RESO `Order`: 0 is the cover. */
  order: number | null;
  /** RESO `LongDescription`. */
  caption: string | null;
  /** RESO `ImageOf` (room). */
  imageOf: string | null;
}

export interface PublishableListing {
  id: string;
  agencyId: string;
  title: string | null;
  language: string;
  description: string;
  fields: ListingFields;
  /** Canonical amenity keys (`pool`, `elevator`). */
  features: string[];
  photos: PublishablePhoto[];
}

const COLUMNS: Record<keyof ListingFields, string> = {
  ListPrice: 'list_price',
  Currency: 'currency',
  ListingType: 'listing_type',
  RentPeriod: 'rent_period',
  PropertyType: 'property_type',
  PropertySubType: 'property_sub_type',
  BedroomsTotal: 'bedrooms_total',
  BathroomsTotalInteger: 'bathrooms_total_integer',
  LivingArea: 'living_area',
  LivingAreaUnits: 'living_area_units',
  LotSizeArea: 'lot_size_area',
  LotSizeUnits: 'lot_size_units',
  YearBuilt: 'year_built',
  ParkingTotal: 'parking_total',
  UnparsedAddress: 'unparsed_address',
  City: 'city',
  StateOrProvince: 'state_or_province',
  PostalCode: 'postal_code',
  Country: 'country',
  Latitude: 'latitude',
  Longitude: 'longitude',
  Furnished: 'furnished',
  PetsAllowed: 'pets_allowed',
};
// pg returns numeric columns as strings so no precision is lost; these fit a double.
const NUMERIC = new Set(['list_price', 'living_area', 'lot_size_area', 'latitude', 'longitude']);

/** Draft kinds that hold the long description, most specific first. */
export const DESCRIPTION_KINDS = ['description_long', 'description', 'long_description'];
/** A slot's current text is the operator's edit, else the generated one (lib/domain/draft.ts). */
const DRAFT_STATUS_RANK: Record<string, number> = { edited: 0, approved: 0, generated: 1 };

export class ListingNotFoundError extends Error {}

export async function loadPublishableListing(
  db: Queryable,
  listingId: string,
): Promise<PublishableListing> {
  const row = await db(TABLES.listings)
    .where({ id: listingId })
    .first<Record<string, unknown> | undefined>();
  if (!row) throw new ListingNotFoundError(`listing ${listingId} not found`);
  const fields = Object.fromEntries(
    Object.entries(COLUMNS).map(([name, column]) => {
      const value = row[column];
      if (value === null || value === undefined) return [name, null];
      return [name, NUMERIC.has(column) ? Number(value) : value];
    }),
  ) as unknown as ListingFields;

  const language = typeof row.language === 'string' && row.language ? row.language : 'en';
  const drafts = await db(TABLES.drafts)
    .where({ listing_id: listingId })
    .whereIn('kind', DESCRIPTION_KINDS)
    .whereIn('status', Object.keys(DRAFT_STATUS_RANK))
    .select<Array<{ kind: string; language: string; content: string; status: string }>>(
      'kind',
      'language',
      'content',
      'status',
    )
    .orderBy('updated_at', 'desc');
  const rank = (d: (typeof drafts)[number]) =>
    DESCRIPTION_KINDS.indexOf(d.kind) * 4 +
    (d.language === language ? 0 : 2) +
    (DRAFT_STATUS_RANK[d.status] ?? 1);
  const best = [...drafts].sort((a, b) => rank(a) - rank(b))[0];
  // The post is where a link would point: a placeholder for it means nothing on the post.
  const description = (
    best?.content ?? (typeof row.public_remarks === 'string' ? row.public_remarks : '')
  )
    .split(LINK_PLACEHOLDER)
    .join('')
    .trim();

  const assets = await db(TABLES.listingAssets)
    .where({ listing_id: listingId, status: 'stored' })
    .whereNotNull('storage_key')
    .orderByRaw('"order" asc nulls last, created_at asc, id asc')
    .select<
      Array<{
        id: string;
        storage_key: string;
        mime_type: string | null;
        order: number | null;
        long_description: string | null;
        image_of: string | null;
      }>
    >('id', 'storage_key', 'mime_type', 'order', 'long_description', 'image_of');

  return {
    id: listingId,
    agencyId: String(row.agency_id),
    title: typeof row.title === 'string' && row.title.trim() ? row.title.trim() : null,
    language,
    description,
    fields,
    features: Array.isArray(row.features)
      ? row.features.filter((f): f is string => typeof f === 'string')
      : [],
    photos: assets.map((a) => ({
      assetId: a.id,
      storageKey: a.storage_key,
      mimeType: a.mime_type ?? 'image/jpeg',
      order: a.order,
      caption: a.long_description,
      imageOf: a.image_of,
    })),
  };
}
