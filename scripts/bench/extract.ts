/**
 * `npm run bench:extract [path/to/listings.jsonl] [--predictions out.jsonl]`: measures the local
 * extraction provider against the development split in ../shared/bench/extraction (read in
 * place, never copied). `--predictions` also writes one line per record, `{id, fields}` with the
 * listing schema's field names, so any other labelled set can be scored the same way.
 *
 * Scoring follows that folder's README: a field is scored only where `stated[field]` is true
 * (the truth value is written in the text); price is correct within 1 %, bedrooms and
 * bathrooms exactly, area within 2 %. Precision = correct / predicted, recall = correct /
 * stated. Listing type and currency are checked against the truth of every record. Each source
 * stands for one agency, whose configured default currency is its market's currency; currency
 * accuracy is also shown from the text alone.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { extractListing } from '../../lib/ai/extraction';
import { toListing, type Extraction } from '../../lib/domain/listing';

const DEFAULT_PATH = path.resolve(__dirname, '../../../shared/bench/extraction/listings.dev.jsonl');

const BenchRecordSchema = z.object({
  id: z.string(),
  source: z.string(),
  lang: z.string(),
  text: z.string(),
  truth: z
    .object({
      price: z.number().nullish(),
      currency: z.string(),
      listing_type: z.enum(['sale', 'rent']),
      bedrooms: z.number().nullish(),
      bathrooms: z.number().nullish(),
      area: z.number().nullish(),
      area_unit: z.string().nullish(),
    })
    .loose(),
  stated: z
    .object({
      price: z.boolean().optional(),
      bedrooms: z.boolean().optional(),
      bathrooms: z.boolean().optional(),
      area: z.boolean().optional(),
    })
    .loose(),
});
type BenchRecord = z.infer<typeof BenchRecordSchema>;

const FIELDS = ['price', 'bedrooms', 'bathrooms', 'area'] as const;
type Field = (typeof FIELDS)[number];

const SQFT_PER_SQM = 10.7639;
const SQM_PER_UNIT: Record<string, number> = {
  sqm: 1,
  m2: 1,
  sqft: 1 / SQFT_PER_SQM,
  acres: 4046.856,
  hectares: 10_000,
};

function load(file: string): BenchRecord[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = BenchRecordSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`line ${i + 1}: ${parsed.error.message}`);
      return parsed.data;
    });
}

/** The extraction's value for a benchmark field, in the truth's unit. */
function predicted(
  extraction: Extraction,
  field: Field,
  truthUnit: string | null | undefined,
): number | null {
  const f = extraction.fields;
  switch (field) {
    case 'price':
      return f.ListPrice?.value ?? null;
    case 'bedrooms':
      return f.BedroomsTotal?.value ?? null;
    case 'bathrooms': {
      // The source columns count a half bath as 0.5; RESO's total counts it as 1.
      const total = f.BathroomsTotalInteger?.value;
      if (total === undefined) return null;
      const half = f.BathroomsHalf?.value ?? 0;
      return total - half + half / 2;
    }
    case 'area': {
      const value = f.LivingArea?.value ?? f.LotSizeArea?.value;
      const unit = f.LivingArea ? f.LivingAreaUnits?.value : f.LotSizeUnits?.value;
      if (value === undefined || !unit) return null;
      const from = SQM_PER_UNIT[unit];
      const to = SQM_PER_UNIT[truthUnit ?? 'sqm'];
      return from && to ? Math.round(((value * from) / to) * 100) / 100 : null;
    }
  }
}

function isCorrect(field: Field, value: number, truth: number): boolean {
  switch (field) {
    case 'price':
      return Math.abs(value - truth) <= 0.01 * truth;
    case 'area':
      return Math.abs(value - truth) <= 0.02 * truth;
    default:
      return value === truth;
  }
}

interface Tally {
  stated: number;
  predicted: number;
  correct: number;
}

interface Miss {
  id: string;
  field: Field;
  predicted: number | null;
  truth: number;
  severity: number;
  evidence: string;
}

interface Group {
  records: number;
  fields: Record<Field, Tally>;
  listingTypeCorrect: number;
  listingTypePredicted: number;
  currencyCorrect: number;
  currencyTextCorrect: number;
  languageCorrect: number;
}

function emptyGroup(): Group {
  const fields = Object.fromEntries(
    FIELDS.map((f) => [f, { stated: 0, predicted: 0, correct: 0 }]),
  ) as Record<Field, Tally>;
  return {
    records: 0,
    fields,
    listingTypeCorrect: 0,
    listingTypePredicted: 0,
    currencyCorrect: 0,
    currencyTextCorrect: 0,
    languageCorrect: 0,
  };
}

/** Each source is one agency; its default currency is the one its market uses. */
function marketCurrencies(records: BenchRecord[]): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const r of records) {
    const bySource = counts.get(r.source) ?? new Map<string, number>();
    bySource.set(r.truth.currency, (bySource.get(r.truth.currency) ?? 0) + 1);
    counts.set(r.source, bySource);
  }
  return new Map(
    [...counts].map(([source, bySource]) => [
      source,
      [...bySource].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'USD',
    ]),
  );
}

function score(records: BenchRecord[]) {
  const currencies = marketCurrencies(records);
  const groups = new Map<string, Group>([['all', emptyGroup()]]);
  const misses: Miss[] = [];
  const predictions: string[] = [];
  for (const r of records) {
    const extraction = extractListing(r.text, { defaultCurrency: currencies.get(r.source) });
    predictions.push(JSON.stringify({ id: r.id, fields: toListing(extraction) }));
    const textOnly = extractListing(r.text);
    const group = groups.get(r.lang) ?? emptyGroup();
    groups.set(r.lang, group);
    for (const g of [group, groups.get('all') ?? emptyGroup()]) {
      g.records += 1;
      const type = extraction.fields.ListingType?.value;
      if (type) g.listingTypePredicted += 1;
      if (type === r.truth.listing_type) g.listingTypeCorrect += 1;
      if (extraction.fields.Currency?.value === r.truth.currency) g.currencyCorrect += 1;
      if (textOnly.fields.Currency?.value === r.truth.currency) g.currencyTextCorrect += 1;
      if (extraction.language === r.lang) g.languageCorrect += 1;
    }
    for (const field of FIELDS) {
      const truth = r.truth[field];
      if (!r.stated[field] || truth === null || truth === undefined) continue;
      const value = predicted(extraction, field, r.truth.area_unit);
      const correct = value !== null && isCorrect(field, value, truth);
      for (const g of [group, groups.get('all')]) {
        if (!g) continue;
        g.fields[field].stated += 1;
        if (value !== null) g.fields[field].predicted += 1;
        if (correct) g.fields[field].correct += 1;
      }
      if (!correct) {
        // A wrong value misleads an operator more than a missing one: rank it first.
        const severity =
          value === null ? 1 : 1 + Math.abs(value - truth) / Math.max(Math.abs(truth), 1);
        const ev = evidenceFor(extraction, field);
        misses.push({ id: r.id, field, predicted: value, truth, severity, evidence: ev });
      }
    }
  }
  misses.sort((a, b) => b.severity - a.severity);
  return { groups, misses, predictions };
}

function evidenceFor(extraction: Extraction, field: Field): string {
  const f = extraction.fields;
  const source =
    field === 'price'
      ? f.ListPrice
      : field === 'bedrooms'
        ? f.BedroomsTotal
        : field === 'bathrooms'
          ? f.BathroomsTotalInteger
          : (f.LivingArea ?? f.LotSizeArea);
  return source?.evidence?.text.replace(/\s+/g, ' ') ?? '';
}

function throughput(records: BenchRecord[]): { perSecond: number; passes: number[] } {
  const texts = records.map((r) => r.text);
  for (const t of texts) extractListing(t); // warm-up: compile regexes, fill caches
  const passes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    for (const t of texts) extractListing(t, { defaultCurrency: 'USD' });
    passes.push((performance.now() - start) / 1000);
  }
  const median = [...passes].sort((a, b) => a - b)[2] ?? 0;
  return { perSecond: texts.length / median, passes };
}

const pct = (n: number, d: number) =>
  d === 0 ? '   -  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`;
const ratio = (n: number, d: number) => (d === 0 ? 0 : n / d);
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r, ri) => {
      const line = r
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('  ');
      return ri === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

function report(file: string, records: BenchRecord[], predictionsFile?: string): void {
  const { groups, misses, predictions } = score(records);
  if (predictionsFile) writeFileSync(predictionsFile, `${predictions.join('\n')}\n`);
  const order = ['en', 'es', 'pt', 'ar', 'all'].filter((g) => groups.has(g));

  console.log(
    `Extraction benchmark: ${records.length} listings from ${path.relative(process.cwd(), file)}`,
  );
  console.log('Scored only where the truth value is stated in the text.\n');

  const fieldRows: string[][] = [
    ['lang', 'field', 'stated', 'predicted', 'correct', 'precision', 'recall', 'F1'],
  ];
  for (const name of order) {
    const g = groups.get(name);
    if (!g) continue;
    const sum: Tally = { stated: 0, predicted: 0, correct: 0 };
    for (const field of FIELDS) {
      const t = g.fields[field];
      sum.stated += t.stated;
      sum.predicted += t.predicted;
      sum.correct += t.correct;
      if (t.stated === 0) continue;
      fieldRows.push(row(name, field, t));
    }
    fieldRows.push(row(name, 'ALL FIELDS', sum));
  }
  console.log(table(fieldRows));

  console.log('\nEvery record, against the published truth:');
  const recordRows: string[][] = [
    [
      'lang',
      'records',
      'listing_type acc',
      'listing_type given',
      'currency acc',
      'currency acc (text only)',
      'language acc',
    ],
  ];
  for (const name of order) {
    const g = groups.get(name);
    if (!g) continue;
    recordRows.push([
      name,
      String(g.records),
      pct(g.listingTypeCorrect, g.records),
      pct(g.listingTypePredicted, g.records),
      pct(g.currencyCorrect, g.records),
      pct(g.currencyTextCorrect, g.records),
      pct(g.languageCorrect, g.records),
    ]);
  }
  console.log(table(recordRows));

  const speed = throughput(records);
  console.log(
    `\nThroughput: ${Math.round(speed.perSecond).toLocaleString('en-US')} listings/s on one core ` +
      `(median of 5 passes: ${speed.passes.map((s) => `${(s * 1000).toFixed(0)} ms`).join(', ')})`,
  );

  console.log('\nWorst misses (wrong values first, then values not found):');
  console.log(
    table([
      ['id', 'field', 'predicted', 'truth', 'evidence'],
      ...misses
        .slice(0, 10)
        .map((m) => [
          m.id,
          m.field,
          m.predicted === null ? '-' : String(m.predicted),
          String(m.truth),
          m.evidence.slice(0, 40),
        ]),
    ]),
  );
}

function row(name: string, field: string, t: Tally): string[] {
  const p = ratio(t.correct, t.predicted);
  const r = ratio(t.correct, t.stated);
  return [
    name,
    field,
    String(t.stated),
    String(t.predicted),
    String(t.correct),
    p.toFixed(3),
    r.toFixed(3),
    f1(p, r).toFixed(3),
  ];
}

function parseArgs(argv: string[]): { file: string; predictions?: string } {
  let file: string | undefined;
  let predictions: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--predictions') {
      predictions = argv[++i];
      if (!predictions) throw new Error('--predictions needs a file name');
    } else if (arg.startsWith('--predictions=')) {
      predictions = arg.slice('--predictions='.length);
    } else if (arg.startsWith('--')) {
      throw new Error(`unknown option ${arg}`);
    } else {
      file = arg;
    }
  }
  return {
    file: path.resolve(file ?? DEFAULT_PATH),
    ...(predictions ? { predictions: path.resolve(predictions) } : {}),
  };
}

const args = parseArgs(process.argv.slice(2));
report(args.file, load(args.file), args.predictions);
if (args.predictions) console.log(`\nPredictions: ${args.predictions}`);
