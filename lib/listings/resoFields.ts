import { z } from 'zod';

/**
 * The listing fields operators see and edit, by their RESO Data Dictionary 2.0 names, with
 * the column each lives in. The API speaks RESO names; the table is snake_case.
 */
export const RESO_FIELDS = {
  ListPrice: { column: 'list_price', schema: z.number().nonnegative().max(1e13) },
  Currency: {
    column: 'currency',
    schema: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code such as USD'),
  },
  ListingType: { column: 'listing_type', schema: z.enum(['sale', 'rent']) },
  RentPeriod: { column: 'rent_period', schema: z.enum(['daily', 'weekly', 'monthly', 'yearly']) },
  PropertyType: { column: 'property_type', schema: z.string().max(60) },
  PropertySubType: { column: 'property_sub_type', schema: z.string().max(60) },
  BedroomsTotal: { column: 'bedrooms_total', schema: z.number().int().min(0).max(200) },
  BathroomsTotalInteger: {
    column: 'bathrooms_total_integer',
    schema: z.number().int().min(0).max(200),
  },
  BathroomsHalf: { column: 'bathrooms_half', schema: z.number().int().min(0).max(200) },
  LivingArea: { column: 'living_area', schema: z.number().positive().max(1e7) },
  LivingAreaUnits: { column: 'living_area_units', schema: z.enum(['sqft', 'sqm']) },
  LotSizeArea: { column: 'lot_size_area', schema: z.number().positive().max(1e10) },
  LotSizeUnits: { column: 'lot_size_units', schema: z.enum(['sqft', 'sqm', 'acres', 'hectares']) },
  YearBuilt: { column: 'year_built', schema: z.number().int().min(1000).max(2100) },
  ParkingTotal: { column: 'parking_total', schema: z.number().int().min(0).max(1000) },
  UnparsedAddress: { column: 'unparsed_address', schema: z.string().max(300) },
  City: { column: 'city', schema: z.string().max(120) },
  StateOrProvince: { column: 'state_or_province', schema: z.string().max(120) },
  PostalCode: { column: 'postal_code', schema: z.string().max(20) },
  Country: { column: 'country', schema: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 code') },
  Latitude: { column: 'latitude', schema: z.number().min(-90).max(90) },
  Longitude: { column: 'longitude', schema: z.number().min(-180).max(180) },
  Furnished: { column: 'furnished', schema: z.boolean() },
  PetsAllowed: { column: 'pets_allowed', schema: z.boolean() },
  PublicRemarks: { column: 'public_remarks', schema: z.string().max(20_000) },
} as const;

export type ResoField = keyof typeof RESO_FIELDS;
export const RESO_FIELD_NAMES = Object.keys(RESO_FIELDS) as ResoField[];

/** An edit: each field set to a value or cleared with null. */
export const FieldEditsSchema = z
  .object(
    Object.fromEntries(
      RESO_FIELD_NAMES.map((name) => [name, RESO_FIELDS[name].schema.nullable().optional()]),
    ) as {
      [K in ResoField]: z.ZodOptional<z.ZodNullable<(typeof RESO_FIELDS)[K]['schema']>>;
    },
  )
  .strict();
export type FieldEdits = z.infer<typeof FieldEditsSchema>;

const NUMERIC = new Set(['list_price', 'living_area', 'lot_size_area', 'latitude', 'longitude']);

/** A listing row's fields under their RESO names (numeric columns arrive from pg as strings). */
export function fieldsOfRow(row: Record<string, unknown>): Record<ResoField, unknown> {
  return Object.fromEntries(
    RESO_FIELD_NAMES.map((name) => {
      const column = RESO_FIELDS[name].column;
      const value = row[column];
      return [
        name,
        value !== null && value !== undefined && NUMERIC.has(column)
          ? Number(value)
          : (value ?? null),
      ];
    }),
  ) as Record<ResoField, unknown>;
}

/** The column updates for an edit. */
export function columnsOfEdits(edits: FieldEdits): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(edits)
      .filter(([, v]) => v !== undefined)
      .map(([name, v]) => [RESO_FIELDS[name as ResoField].column, v]),
  );
}
