/**
 * `npm run bench:fair-housing [file.jsonl ...]`: precision and recall of the fair-housing
 * check on labelled sentences, by protected class and by language, for each part apart:
 * - `tuning`: bench/fair-housing/tuning.jsonl, which the catalogue may be tuned on;
 * - `seen-heldout`: bench/fair-housing/seen-heldout.jsonl, the first held-out set; its misses
 *   were read (2026-12-04), so it is a tuning part now;
 * - `heldout`: bench/fair-housing/heldout.jsonl, written by someone who had not read the
 *   catalogue, after it was last tuned, and never read while tuning it.
 * A record is `{id, lang, text, violation, class?}`. A sentence counts as flagged when any
 * flag is raised; "blocking" counts only blocking flags; "class right" also needs one of the
 * flags to name the labelled class. False flags are flagged lawful sentences.
 *
 * The held-out part's failing sentences are printed only with `--show-heldout-misses`.
 * Without file arguments it also runs the check over the 1,117 real listing texts in
 * ../shared/bench/extraction (unlabelled, nearly all lawful) and prints every flag, so that a
 * reader can judge the false-flag rate on text nobody here wrote.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { checkFairHousing } from '../../lib/ai/checks/fairHousing';
import type { CheckFlag } from '../../lib/ai/checks/types';
import { FAIR_HOUSING_RULES } from '../../lib/ai/checks/fairHousingCatalogue';
import { LanguageSchema } from '../../lib/domain/listing';

const ROOT = path.resolve(__dirname, '../..');
const DEFAULT_PARTS: Array<[string, string]> = [
  ['tuning', path.resolve(ROOT, 'bench/fair-housing/tuning.jsonl')],
  ['seen-heldout', path.resolve(ROOT, 'bench/fair-housing/seen-heldout.jsonl')],
  ['heldout', path.resolve(ROOT, 'bench/fair-housing/heldout.jsonl')],
];

const CLASSES = [
  'race',
  'color',
  'religion',
  'sex',
  'disability',
  'familial_status',
  'national_origin',
  'source_of_income',
  'marital_status',
  'age',
] as const;

const RecordSchema = z.object({
  id: z.string().min(1),
  lang: LanguageSchema,
  text: z.string().min(1),
  violation: z.boolean(),
  class: z.enum(CLASSES).optional(),
});
type LabelledSentence = z.infer<typeof RecordSchema>;

/** The catalogue's class for a labelled class (the catalogue keeps race and colour together). */
const catalogueClass = (c: string) => (c === 'race' || c === 'color' ? 'race_color' : c);
const classOfRule = new Map(FAIR_HOUSING_RULES.map((r) => [r.id, r.protectedClass as string]));

function load(file: string): { records: LabelledSentence[]; rejected: string[] } {
  const records: LabelledSentence[] = [];
  const rejected: string[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (!line.trim()) return;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        rejected.push(`line ${i + 1}: not JSON`);
        return;
      }
      const parsed = RecordSchema.safeParse(json);
      const id = typeof json === 'object' && json && 'id' in json ? String(json.id) : '?';
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          rejected.push(
            `line ${i + 1}, record ${id}: field ${issue.path.join('.')}: ${issue.message}`,
          );
        return;
      }
      if (parsed.data.violation && !parsed.data.class) {
        rejected.push(`line ${i + 1}, record ${id}: field class: a violation needs its class`);
        return;
      }
      records.push(parsed.data);
    });
  return { records, rejected };
}

interface Tally {
  violations: number;
  flagged: number;
  blocking: number;
  classRight: number;
  lawful: number;
  falseFlags: number;
}
const tally = (): Tally => ({
  violations: 0,
  flagged: 0,
  blocking: 0,
  classRight: 0,
  lawful: 0,
  falseFlags: 0,
});

const pct = (n: number, d: number) => (d === 0 ? '    -' : `${((100 * n) / d).toFixed(1)}%`);

function score(records: LabelledSentence[]) {
  const byClass = new Map<string, Tally>();
  const byLang = new Map<string, Tally>();
  const all = tally();
  const misses: string[] = [];
  const falseFlags: string[] = [];
  const get = (m: Map<string, Tally>, k: string) => {
    let t = m.get(k);
    if (!t) m.set(k, (t = tally()));
    return t;
  };
  for (const r of records) {
    const flags: CheckFlag[] = checkFairHousing({
      kind: 'description_long',
      platform: null,
      language: r.lang,
      content: r.text,
    });
    const groups = [all, get(byLang, r.lang), ...(r.class ? [get(byClass, r.class)] : [])];
    for (const t of groups) {
      if (r.violation) {
        t.violations += 1;
        if (flags.length) t.flagged += 1;
        if (flags.some((f) => f.severity === 'blocking')) t.blocking += 1;
        if (flags.some((f) => classOfRule.get(f.rule) === catalogueClass(r.class ?? '')))
          t.classRight += 1;
      } else {
        t.lawful += 1;
        if (flags.length) t.falseFlags += 1;
      }
    }
    if (r.violation && !flags.length) misses.push(`${r.id} (${r.class}): ${r.text}`);
    if (!r.violation && flags.length)
      falseFlags.push(
        `${r.id}: ${r.text}  <- ${flags.map((f) => `${f.rule} "${f.span?.text}"`).join(', ')}`,
      );
  }
  return { all, byClass, byLang, misses, falseFlags };
}

function row(name: string, t: Tally): string[] {
  const precision = t.flagged + t.falseFlags === 0 ? 0 : t.flagged / (t.flagged + t.falseFlags);
  return [
    name,
    String(t.violations),
    pct(t.flagged, t.violations),
    pct(t.blocking, t.violations),
    pct(t.classRight, t.violations),
    String(t.lawful),
    pct(t.falseFlags, t.lawful),
    t.flagged + t.falseFlags ? precision.toFixed(3) : '    -',
  ];
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r, ri) => {
      const line = r
        .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
        .join('  ');
      return ri === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

const HEAD = [
  '',
  'violations',
  'recall',
  'blocking',
  'class right',
  'lawful',
  'false flags',
  'precision',
];

const REAL_LISTINGS = path.resolve(ROOT, '../shared/bench/extraction/listings.dev.jsonl');

function realListings(): string {
  if (!existsSync(REAL_LISTINGS)) return 'real listings: not found';
  const texts = readFileSync(REAL_LISTINGS, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) =>
      z.object({ id: z.string(), lang: LanguageSchema, text: z.string() }).parse(JSON.parse(l)),
    );
  console.log(
    `\n=== real listings (unlabelled): ${texts.length} texts from ${path.relative(process.cwd(), REAL_LISTINGS)}`,
  );
  let flagged = 0;
  for (const t of texts) {
    const flags = checkFairHousing({
      kind: 'description_long',
      platform: null,
      language: t.lang,
      content: t.text,
    });
    if (!flags.length) continue;
    flagged += 1;
    console.log(
      `  ${t.id}: ${flags.map((f) => `${f.rule}/${f.severity} "${f.span?.text}"`).join(', ')}`,
    );
  }
  return `real listings: ${flagged} of ${texts.length} texts flagged (${pct(flagged, texts.length)}); each is listed above to judge`;
}

function main(): void {
  const args = process.argv.slice(2);
  // Held-out sentences that fail stay hidden unless asked for, so tuning does not read them.
  const showHeldout = args.includes('--show-heldout-misses');
  const files = args.filter((a) => !a.startsWith('--'));
  const parts = files.length
    ? files.map((f): [string, string] => [path.basename(f, '.jsonl'), path.resolve(f)])
    : DEFAULT_PARTS.filter(([, f]) => existsSync(f));
  const summary: string[] = [];
  let rejectedAny = false;
  for (const [name, file] of parts) {
    if (!existsSync(file)) {
      console.error(`no such file: ${file}`);
      process.exit(2);
    }
    const { records, rejected } = load(file);
    rejectedAny ||= rejected.length > 0;
    console.log(
      `\n=== part ${name}: ${records.length} sentences from ${path.relative(process.cwd(), file)}`,
    );
    for (const m of rejected) console.log(`  rejected: ${m}`);
    const s = score(records);
    const byClass = CLASSES.filter((c) => s.byClass.has(c)).map((c) =>
      row(c, s.byClass.get(c) ?? tally()),
    );
    const byLang = ['en', 'es', 'pt', 'ar']
      .filter((l) => s.byLang.has(l))
      .map((l) => row(l, s.byLang.get(l) ?? tally()));
    console.log(table([['class', ...HEAD.slice(1)], ...byClass, row('ALL', s.all)]));
    console.log();
    console.log(table([['language', ...HEAD.slice(1)], ...byLang]));
    const hide = name === 'heldout' && !showHeldout;
    console.log(`\nViolations not flagged (${s.misses.length}):`);
    if (!hide) for (const m of s.misses) console.log(`  ${m}`);
    console.log(`Lawful sentences flagged (${s.falseFlags.length}):`);
    if (!hide) for (const m of s.falseFlags) console.log(`  ${m}`);
    if (hide) console.log('  (held-out sentences not shown; --show-heldout-misses shows them)');
    const a = s.all;
    summary.push(
      `${name}: recall ${pct(a.flagged, a.violations)} (blocking ${pct(a.blocking, a.violations)}), ` +
        `false flags ${pct(a.falseFlags, a.lawful)} of lawful sentences, ` +
        `precision ${(a.flagged / Math.max(1, a.flagged + a.falseFlags)).toFixed(3)}`,
    );
  }
  if (!files.length) summary.push(realListings());
  console.log('\nSummary:');
  for (const line of summary) console.log(`  ${line}`);
  if (rejectedAny) process.exitCode = 1;
}

main();
