import { z } from 'zod';
import {
  ExtractionSchema,
  LanguageSchema,
  listingFieldValues,
  type Evidence,
  type ExtractedFields,
  type Extraction,
  type ListingField,
} from '../../domain/listing';
import { FEATURE_KEYS } from '../extraction/amenities';
import { fold } from '../extraction/text';
import { ROOM_TAGS } from '../photos/measure';

/**
 * What the model is asked to return, built from the same field definitions as ListingSchema
 * (lib/domain/listing.ts) and shaped for strict structured outputs: every property present,
 * "not stated" as null. A model cannot count UTF-16 offsets, so it quotes the words it read;
 * the quote is found in the message here, and a value whose quote is not in the message is
 * dropped, the same "never guess" rule the local extractor follows.
 */

const quoted = <T extends z.ZodType>(value: T) =>
  z.object({
    value,
    quote: z.string().describe('The exact words of the message that state this value'),
    confidence: z.number().min(0).max(1),
  });

const SCALARS = (Object.keys(listingFieldValues) as ListingField[]).filter(
  (f): f is Exclude<ListingField, 'Features'> => f !== 'Features',
);

const fieldShape: Record<string, z.ZodType> = {};
for (const name of SCALARS) fieldShape[name] = quoted(listingFieldValues[name]).nullable();
fieldShape.Features = z.array(quoted(z.enum(FEATURE_KEYS as [string, ...string[]])));

export const ExtractionWireSchema = z.object({
  language: LanguageSchema,
  fields: z.object(fieldShape),
});

interface WireField {
  value: unknown;
  quote: string;
  confidence: number;
}

/** Turns the model's answer into an Extraction with evidence spans into `text`. */
export function fromWire(
  wire: unknown,
  text: string,
  opts: { defaultCurrency?: string } = {},
): Extraction {
  const parsed = ExtractionWireSchema.parse(wire);
  const fields = parsed.fields as Record<string, WireField | WireField[] | null>;
  const folded = fold(text);
  const locate = (quote: string): Evidence | null => {
    const q = quote.trim();
    if (!q) return null;
    let start = text.indexOf(q);
    if (start < 0) start = folded.indexOf(fold(q));
    return start < 0
      ? null
      : { start, end: start + q.length, text: text.slice(start, start + q.length) };
  };

  const out: Record<string, unknown> = {};
  for (const name of SCALARS) {
    const field = fields[name];
    if (!field || Array.isArray(field)) continue;
    const evidence = locate(field.quote);
    const value = listingFieldValues[name].safeParse(field.value);
    if (!evidence || !value.success) continue;
    out[name] = { value: value.data, evidence, confidence: clamp(field.confidence) };
  }
  const features = fields.Features;
  if (Array.isArray(features)) {
    const seen = new Set<string>();
    const kept = features.flatMap((f) => {
      const evidence = locate(f.quote);
      if (!evidence || typeof f.value !== 'string' || seen.has(f.value)) return [];
      seen.add(f.value);
      return [{ value: f.value, evidence, confidence: clamp(f.confidence) }];
    });
    if (kept.length) out.Features = kept;
  }
  const currency = opts.defaultCurrency?.toUpperCase();
  if (!out.Currency && currency && /^[A-Z]{3}$/.test(currency)) {
    out.Currency = { value: currency, evidence: null, confidence: 0.3 };
  }
  return ExtractionSchema.parse({ language: parsed.language, fields: out as ExtractedFields });
}

function clamp(c: number): number {
  return Math.round(Math.min(1, Math.max(0, c)) * 100) / 100;
}

export const PhotoWireSchema = z.object({
  room_tag: z.enum(ROOM_TAGS),
  caption: z.string().describe('At most eight words, in the requested language'),
  confidence: z.number().min(0).max(1),
});
