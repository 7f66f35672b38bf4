import type {
  Evidence,
  ExtractedField,
  ExtractedFields,
  Extraction,
  Language,
  ScalarListingField,
} from '../domain/listing';

/**
 * One listing out of several readings: the burst, then each correction in the order sent. A
 * correction overrides a field only with a value it actually states (evidence in its own
 * words); the agency's default currency never overrides a currency the agent wrote. Features
 * add up. Evidence offsets are moved from the reading's own text into the whole source text.
 */

export interface Reading {
  kind: 'submission' | 'correction';
  messageId: string | null;
  /** Where the reading's text starts in the source text. */
  offset: number;
  extraction: Extraction;
}

export interface FieldOrigin {
  kind: 'submission' | 'correction' | 'default';
  messageId?: string;
}

export interface MergedExtraction {
  language: Language;
  fields: ExtractedFields;
  origins: Partial<Record<ScalarListingField | 'Features', FieldOrigin>>;
}

const shift = (e: Evidence | null, by: number): Evidence | null =>
  e ? { start: e.start + by, end: e.end + by, text: e.text } : null;

export function mergeReadings(readings: readonly Reading[], fallback: Language): MergedExtraction {
  const fields: Record<string, ExtractedField<unknown> | ExtractedField<string>[]> = {};
  const origins: MergedExtraction['origins'] = {};
  let language: Language | undefined;
  for (const reading of readings) {
    if (reading.kind === 'submission' || language === undefined) {
      language = reading.extraction.language;
    }
    const { Features, ...scalars } = reading.extraction.fields;
    for (const [name, field] of Object.entries(scalars) as Array<
      [ScalarListingField, ExtractedField<unknown>]
    >) {
      // A value without evidence (the agency's default currency) is no correction.
      if (reading.kind === 'correction' && !field.evidence) continue;
      fields[name] = { ...field, evidence: shift(field.evidence, reading.offset) };
      origins[name] = field.evidence
        ? {
            kind: reading.kind,
            ...(reading.messageId ? { messageId: reading.messageId } : {}),
          }
        : { kind: 'default' };
    }
    if (Features?.length) {
      const existing = (fields.Features as ExtractedField<string>[] | undefined) ?? [];
      const known = new Set(existing.map((f) => f.value));
      const added = Features.filter((f) => !known.has(f.value)).map((f) => ({
        ...f,
        evidence: shift(f.evidence, reading.offset),
      }));
      fields.Features = [...existing, ...added];
      origins.Features ??= { kind: reading.kind };
    }
  }
  return { language: language ?? fallback, fields: fields, origins };
}
