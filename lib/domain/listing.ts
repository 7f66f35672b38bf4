import { z } from 'zod';

/**
 * The structured listing, named after the RESO Data Dictionary 2.0 wherever RESO has a name.
 * The same schema serves the database columns, the OpenAI structured output and the local
 * extractor. Every field is optional and nullable: a field the agent did not state stays empty,
 * it is never guessed.
 */

export const LANGUAGES = ['en', 'es', 'pt', 'ar'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

export const ListingTypeSchema = z.enum(['sale', 'rent']);
export type ListingType = z.infer<typeof ListingTypeSchema>;

export const RentPeriodSchema = z.enum(['daily', 'weekly', 'monthly', 'yearly']);
export type RentPeriod = z.infer<typeof RentPeriodSchema>;

export const AreaUnitsSchema = z.enum(['sqft', 'sqm']);
export type AreaUnits = z.infer<typeof AreaUnitsSchema>;

/** RESO LotSizeUnits: land is also measured in acres and hectares. */
export const LotSizeUnitsSchema = z.enum(['sqft', 'sqm', 'acres', 'hectares']);
export type LotSizeUnits = z.infer<typeof LotSizeUnitsSchema>;

/** RESO PropertyType lookup values (the subset this product lists). */
export const PropertyTypeSchema = z.enum([
  'Residential',
  'Residential Lease',
  'Land',
  'Farm',
  'Commercial Sale',
  'Commercial Lease',
]);
export type PropertyType = z.infer<typeof PropertyTypeSchema>;

/** RESO PropertySubType lookup values (the subset this product lists). */
export const PropertySubTypeSchema = z.enum([
  'Apartment',
  'Condominium',
  'Single Family Residence',
  'Townhouse',
  'Duplex',
  'Triplex',
  'Quadruplex',
  'Cabin',
  'Farm',
  'Unimproved Land',
  'Office',
  'Retail',
  'Warehouse',
]);
export type PropertySubType = z.infer<typeof PropertySubTypeSchema>;

/** ISO 4217 alphabetic code. */
export const CurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code such as USD');
/** ISO 3166-1 alpha-2 code. */
export const CountrySchema = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code such as CO');

const count = z.number().int().nonnegative();

/** The value type of each field, before it is made optional. */
export const listingFieldValues = {
  ListPrice: z.number().nonnegative(),
  Currency: CurrencySchema,
  ListingType: ListingTypeSchema,
  RentPeriod: RentPeriodSchema,
  PropertyType: PropertyTypeSchema,
  PropertySubType: PropertySubTypeSchema,
  BedroomsTotal: count,
  /** RESO: the simple sum of all bathrooms, so 2 full + 1 half is 3. */
  BathroomsTotalInteger: count,
  BathroomsHalf: count,
  LivingArea: z.number().positive(),
  LivingAreaUnits: AreaUnitsSchema,
  LotSizeArea: z.number().positive(),
  LotSizeUnits: LotSizeUnitsSchema,
  YearBuilt: z.number().int().min(1000).max(2200),
  ParkingTotal: count,
  UnparsedAddress: z.string().min(1),
  City: z.string().min(1),
  StateOrProvince: z.string().min(1),
  PostalCode: z.string().min(1),
  Country: CountrySchema,
  Latitude: z.number().min(-90).max(90),
  Longitude: z.number().min(-180).max(180),
  Furnished: z.boolean(),
  PetsAllowed: z.boolean(),
  /** Canonical amenity keys in English (`pool`, `elevator`, ...), whatever the listing language. */
  Features: z.array(z.string().min(1)),
};

type FieldValues = typeof listingFieldValues;
export type ListingField = keyof FieldValues;

export const ListingSchema = z.object({
  ListPrice: listingFieldValues.ListPrice.nullish(),
  Currency: listingFieldValues.Currency.nullish(),
  ListingType: listingFieldValues.ListingType.nullish(),
  RentPeriod: listingFieldValues.RentPeriod.nullish(),
  PropertyType: listingFieldValues.PropertyType.nullish(),
  PropertySubType: listingFieldValues.PropertySubType.nullish(),
  BedroomsTotal: listingFieldValues.BedroomsTotal.nullish(),
  BathroomsTotalInteger: listingFieldValues.BathroomsTotalInteger.nullish(),
  BathroomsHalf: listingFieldValues.BathroomsHalf.nullish(),
  LivingArea: listingFieldValues.LivingArea.nullish(),
  LivingAreaUnits: listingFieldValues.LivingAreaUnits.nullish(),
  LotSizeArea: listingFieldValues.LotSizeArea.nullish(),
  LotSizeUnits: listingFieldValues.LotSizeUnits.nullish(),
  YearBuilt: listingFieldValues.YearBuilt.nullish(),
  ParkingTotal: listingFieldValues.ParkingTotal.nullish(),
  UnparsedAddress: listingFieldValues.UnparsedAddress.nullish(),
  City: listingFieldValues.City.nullish(),
  StateOrProvince: listingFieldValues.StateOrProvince.nullish(),
  PostalCode: listingFieldValues.PostalCode.nullish(),
  Country: listingFieldValues.Country.nullish(),
  Latitude: listingFieldValues.Latitude.nullish(),
  Longitude: listingFieldValues.Longitude.nullish(),
  Furnished: listingFieldValues.Furnished.nullish(),
  PetsAllowed: listingFieldValues.PetsAllowed.nullish(),
  Features: listingFieldValues.Features.nullish(),
});
export type Listing = z.infer<typeof ListingSchema>;

/** Where in the agent's text a value was read: UTF-16 offsets into the original string. */
export const EvidenceSchema = z
  .object({
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
    text: z.string(),
    /**
     * `inferred`: the value is not written at the span but follows from it (a country from a
     * city's name, a currency from "lakh"). Absent: the span states the value.
     */
    kind: z.enum(['inferred']).optional(),
  })
  .refine((e) => e.end >= e.start, { message: 'end must not precede start' });
export type Evidence = z.infer<typeof EvidenceSchema>;

/**
 * One extracted value with its evidence and a confidence in [0, 1]. `evidence` is null only
 * when the value did not come from the text (the agency's default currency).
 */
export interface ExtractedField<T> {
  value: T;
  evidence: Evidence | null;
  confidence: number;
}

export const extractedFieldSchema = <T extends z.ZodType>(value: T) =>
  z.object({
    value,
    evidence: EvidenceSchema.nullable(),
    confidence: z.number().min(0).max(1),
  });

/** Every scalar field maps to one extracted value; `Features` to one per amenity. */
export type ScalarListingField = Exclude<ListingField, 'Features'>;
export type ExtractedFields = {
  [K in ScalarListingField]?: ExtractedField<z.infer<FieldValues[K]>>;
} & { Features?: ExtractedField<string>[] };

export interface Extraction {
  language: Language;
  fields: ExtractedFields;
}

const f = extractedFieldSchema;
const v = listingFieldValues;
export const ExtractionSchema = z.object({
  language: LanguageSchema,
  fields: z
    .object({
      ListPrice: f(v.ListPrice),
      Currency: f(v.Currency),
      ListingType: f(v.ListingType),
      RentPeriod: f(v.RentPeriod),
      PropertyType: f(v.PropertyType),
      PropertySubType: f(v.PropertySubType),
      BedroomsTotal: f(v.BedroomsTotal),
      BathroomsTotalInteger: f(v.BathroomsTotalInteger),
      BathroomsHalf: f(v.BathroomsHalf),
      LivingArea: f(v.LivingArea),
      LivingAreaUnits: f(v.LivingAreaUnits),
      LotSizeArea: f(v.LotSizeArea),
      LotSizeUnits: f(v.LotSizeUnits),
      YearBuilt: f(v.YearBuilt),
      ParkingTotal: f(v.ParkingTotal),
      UnparsedAddress: f(v.UnparsedAddress),
      City: f(v.City),
      StateOrProvince: f(v.StateOrProvince),
      PostalCode: f(v.PostalCode),
      Country: f(v.Country),
      Latitude: f(v.Latitude),
      Longitude: f(v.Longitude),
      Furnished: f(v.Furnished),
      PetsAllowed: f(v.PetsAllowed),
      Features: z.array(f(z.string().min(1))),
    })
    .partial(),
});

/** The listing an extraction stands for, without evidence (what the draft stores). */
export function toListing(extraction: Extraction): Listing {
  const { Features, ...scalars } = extraction.fields;
  const listing: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(scalars)) listing[name] = field.value;
  if (Features) listing.Features = Features.map((feature) => feature.value);
  return ListingSchema.parse(listing);
}
