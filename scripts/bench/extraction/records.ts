import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * Benchmark records, in two shapes that share one schema:
 * - the scraped development split in ../shared/bench/extraction, whose `truth` is the source
 *   site's columns and whose `stated` says which of them are written in the text;
 * - the hand-labelled sets in bench/extraction, with no `stated`: every field the truth names
 *   is scored, a field left out is unlabelled and not scored, and `null` means "the text gives
 *   no such value", so predicting one is a false positive. `corrected` names the fields a later
 *   message in the burst corrects (a figure, the currency or whether it is for sale or rent); `agency_currency` is the agency's configured currency.
 */

const count = z.number().nonnegative();

export const BenchRecordSchema = z.object({
  id: z.string().min(1),
  source: z.string().optional(),
  lang: z.string().min(2),
  text: z.string().min(1),
  agency_currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  corrected: z
    .array(z.enum(['price', 'bedrooms', 'bathrooms', 'area', 'currency', 'listing_type']))
    .optional(),
  truth: z
    .object({
      price: z.number().positive().nullish(),
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/)
        .nullish(),
      listing_type: z.enum(['sale', 'rent']).nullish(),
      bedrooms: count.nullish(),
      bathrooms: count.nullish(),
      area: z.number().positive().nullish(),
      area_unit: z.enum(['sqft', 'sqm', 'sqyd', 'm2', 'acres', 'hectares']).nullish(),
      features: z.array(z.string().min(1)).optional(),
    })
    .loose(),
  stated: z.record(z.string(), z.boolean()).optional(),
});
export type BenchRecord = z.infer<typeof BenchRecordSchema>;

export interface LoadResult {
  records: BenchRecord[];
  /** One line per record that could not be read: the record, the field, what is wrong. */
  rejected: string[];
}

/** Reads a JSONL file; a bad record is reported by line, id and field, and left out. */
export function loadRecords(file: string): LoadResult {
  const records: BenchRecord[] = [];
  const rejected: string[] = [];
  const seen = new Set<string>();
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (err) {
        rejected.push(`line ${i + 1}: not JSON (${(err as Error).message})`);
        return;
      }
      const id =
        typeof json === 'object' && json && 'id' in json ? String(json.id) : `line ${i + 1}`;
      const parsed = BenchRecordSchema.safeParse(json);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          rejected.push(
            `line ${i + 1}, record ${id}: field ${issue.path.join('.') || '(record)'}: ${issue.message}`,
          );
        }
        return;
      }
      if (seen.has(parsed.data.id)) {
        rejected.push(`line ${i + 1}, record ${id}: field id: duplicate id`);
        return;
      }
      seen.add(parsed.data.id);
      const area = parsed.data.truth.area;
      if (area !== undefined && area !== null && !parsed.data.truth.area_unit) {
        rejected.push(`line ${i + 1}, record ${id}: field truth.area_unit: required with area`);
        return;
      }
      records.push(parsed.data);
    });
  return { records, rejected };
}
