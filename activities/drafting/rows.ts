import { z } from 'zod';
import type { Tx } from '../../lib/db';
import { TABLES } from '../../lib/db';
import {
  LanguageSchema,
  ListingSchema,
  type Language,
  type Listing,
} from '../../lib/domain/listing';
import { fieldsOfRow } from '../../lib/listings/resoFields';
import {
  SOCIAL_PLATFORMS,
  SocialPlatformSchema,
  type SocialPlatform,
} from '../../lib/domain/draft';

/**
 * The rows the drafting activities read, as domain values. Columns an operator may have set
 * to anything (a free-text property type) are validated field by field: a value the schema
 * does not know is left out of the copy rather than failing the whole step.
 */

export interface ListingRecord {
  row: Record<string, unknown> & { id: string; extras: Record<string, unknown> };
  listing: Listing;
  language: Language;
  /** RESO field names (and `title`, `PublicRemarks`) an operator has edited. */
  operatorEdits: Set<string>;
}

export async function loadListing(tx: Tx, listingId: string): Promise<ListingRecord> {
  const row = await tx(TABLES.listings)
    .where({ id: listingId })
    .first<
      (Record<string, unknown> & { id: string; extras: Record<string, unknown> }) | undefined
    >();
  if (!row) throw new Error(`listing ${listingId} not found`);
  const values = fieldsOfRow(row) as Record<string, unknown>;
  const listing: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(ListingSchema.shape)) {
    const value = name === 'Features' ? row.features : values[name];
    if (value === null || value === undefined) continue;
    const parsed = schema.safeParse(value);
    if (parsed.success) listing[name] = parsed.data;
  }
  const edits = (row.extras?.operatorEdits ?? {}) as Record<string, unknown>;
  return {
    row,
    listing: listing,
    language: LanguageSchema.catch('en').parse(row.language),
    operatorEdits: new Set(Object.keys(edits).filter((k) => Boolean(edits[k]))),
  };
}

/** `agencies.settings.drafting`: what an agency configures about its drafts. */
export const DraftingSettingsSchema = z.object({
  /** ISO 4217 currency assumed when an agent writes a bare number. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  /** Descriptions are also written in this language. */
  secondLanguage: LanguageSchema.optional(),
  /** The platforms the agency posts on, most wanted first: a plan with fewer keeps the first. */
  socialPlatforms: z.array(SocialPlatformSchema).min(1).optional(),
});

export interface AgencyDrafting {
  language: Language;
  currency?: string;
  secondLanguage?: Language;
  socialPlatforms: SocialPlatform[];
}

export async function loadAgency(tx: Tx, agencyId: string): Promise<AgencyDrafting> {
  const agency = await tx(TABLES.agencies)
    .where({ id: agencyId })
    .first<{ default_language: string; settings: unknown } | undefined>(
      'default_language',
      'settings',
    );
  const raw = (agency?.settings as { drafting?: unknown } | null)?.drafting ?? {};
  const settings = DraftingSettingsSchema.safeParse(raw);
  const language = LanguageSchema.catch('en').parse(agency?.default_language);
  return {
    language,
    ...(settings.success && settings.data.currency ? { currency: settings.data.currency } : {}),
    ...(settings.success && settings.data.secondLanguage
      ? { secondLanguage: settings.data.secondLanguage }
      : {}),
    socialPlatforms: [
      ...new Set((settings.success && settings.data.socialPlatforms) || SOCIAL_PLATFORMS),
    ],
  };
}
