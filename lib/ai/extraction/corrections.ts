import type { Evidence, ExtractedFields, ListingType } from '../../domain/listing';
import { extractArea } from './area';
import { keepOnly, lineEnd, type Clause } from './correction-clauses';
import { byReference, withdrawsPrice, type Corrected } from './correction-reference';
import { correctedTerms, type TermCorrection } from './correction-terms';
import type { CurrencyMention } from './currency';
import type { CueMention } from './listing-type';
import { extractPrice } from './price';
import { readRestatement } from './restatements';
import { extractRooms } from './rooms';
import type { Doc } from './text';

export { correctionClauses, withoutCorrections, type Clause } from './correction-clauses';

/**
 * Corrections inside a burst: agents fix a figure in a later message ("sorry, 621k not 612k",
 * "perdón, son 4.5 mdp", "no son 3 baños, son 2 y medio", "desculpa, é T3 e não T4",
 * "تصحيح: السعر 3.1 مليون مش 3.4"). The later statement wins, field by field. A correction
 * clause is the rest of the line after a correction word, or the phrase around "X not Y". Its
 * figures are read with the same rules as the whole text, on a copy where everything else (and
 * the figure being withdrawn) is blanked out, so offsets and evidence stay those of the text.
 * When the clause's figure names no field ("perdón, son 24,000"), the withdrawn figure or the
 * figure the text stated before says which field it corrects; when nothing does, the field is
 * left as it was: a guess would be worse than the uncorrected value an operator can see. A bare
 * figure with its magnitude left out ("sorry 395" after "$385k") takes the price's magnitude.
 * A later line that states a field again with no correction word at all ("4 beds" after "3
 * beds", "السعر صار 1.2 مليون") is a restatement: restatements.ts says when it wins.
 */

function readClause(
  doc: Doc,
  clause: Clause,
  fields: ExtractedFields,
  currencies: CurrencyMention[],
  deal: ListingType | undefined,
): Corrected {
  if (clause.restated) return readRestatement(doc, clause, fields, currencies, deal);
  const masked = keepOnly(doc, clause);
  const inClause = currencies.filter((c) => c.start >= clause.start && c.end <= clause.end);
  const price = extractPrice(masked, inClause, deal).price;
  const rooms = extractRooms(masked);
  const area = extractArea(masked);
  const found: Corrected = { ...(price ? { ListPrice: price } : {}), ...rooms, ...area };
  if (Object.keys(found).length === 0) return byReference(doc, masked, clause, fields);
  if (found.ListPrice) return found;
  if (withdrawsPrice(clause, fields)) {
    const { ListPrice } = byReference(doc, masked, clause, fields);
    if (ListPrice) return { ListPrice };
  }
  // "edit: 2.3M and 1,280 sqft": two fields at once, the price a bare figure beside the size.
  const rest = blankOut(masked, found);
  const { ListPrice } = byReference(doc, rest, clause, fields);
  return ListPrice ? { ...found, ListPrice } : found;
}

/** The text with the spans the fields were read from blanked out. */
function blankOut(doc: Doc, found: Corrected): Doc {
  let folded = doc.folded;
  for (const f of Object.values(found) as Array<{ evidence?: Evidence | null } | undefined>) {
    const ev = f?.evidence;
    if (!ev) continue;
    folded =
      folded.slice(0, ev.start) +
      folded.slice(ev.start, ev.end).replace(/[^\n]/g, ' ') +
      folded.slice(ev.end);
  }
  return { ...doc, folded };
}

/** The figures a correction replaces; the deal and currency are the terms' (correction-terms). */
const FIGURES = [
  'ListPrice',
  'BedroomsTotal',
  'BathroomsTotalInteger',
  'BathroomsHalf',
  'LivingArea',
  'LivingAreaUnits',
  'LotSizeArea',
  'LotSizeUnits',
  'Currency',
  'ListingType',
  'RentPeriod',
] as const satisfies ReadonlyArray<keyof ExtractedFields>;

export interface CorrectionResult {
  fields: ExtractedFields;
  /** The fields a later statement replaced. */
  corrected: Array<keyof ExtractedFields>;
}

/** Lays one clause's fix over the fields. */
function layOver(out: ExtractedFields, fix: Corrected): void {
  if (fix.ListPrice) out.ListPrice = fix.ListPrice;
  if (fix.BedroomsTotal) out.BedroomsTotal = fix.BedroomsTotal;
  if (fix.BathroomsTotalInteger) {
    delete out.BathroomsHalf;
    out.BathroomsTotalInteger = fix.BathroomsTotalInteger;
    if (fix.BathroomsHalf) out.BathroomsHalf = fix.BathroomsHalf;
  }
  const area = fix.LivingArea ?? fix.LotSizeArea;
  const unit = fix.LivingArea ? fix.LivingAreaUnits : fix.LotSizeUnits;
  if (area && unit) {
    // The corrected size replaces the size it corrects: the plot's when only a plot was given.
    if (out.LivingArea || !out.LotSizeArea) {
      out.LivingArea = area;
      out.LivingAreaUnits = unit as NonNullable<ExtractedFields['LivingAreaUnits']>;
    } else {
      out.LotSizeArea = area;
      out.LotSizeUnits = unit;
    }
  }
}

function layTermsOver(out: ExtractedFields, terms: TermCorrection): void {
  if (terms.Currency) out.Currency = terms.Currency;
  if (terms.ListingType && terms.ListingType.value !== out.ListingType?.value) {
    out.ListingType = terms.ListingType;
    if (terms.ListingType.value === 'sale') delete out.RentPeriod;
  }
}

const changed = (a: ExtractedFields, b: ExtractedFields) => FIGURES.filter((k) => a[k] !== b[k]);

/** Whether `n` is the value written, or the value with its magnitude left out ("405" for 405k). */
function names(value: unknown, n: number): boolean {
  if (typeof value !== 'number') return false;
  return [1, 1e3, 1e5, 1e6, 1e7].some((f) => Math.abs(n * f - value) <= 0.005 * value);
}

/**
 * "no, $405k ... 405 was right": the figure said to be right is the one the last fix stated,
 * so there is nothing to undo.
 */
function confirmsStanding(previous: ExtractedFields, out: ExtractedFields, figure?: number) {
  if (figure === undefined) return false;
  return changed(previous, out).some(
    (k) => names(out[k]?.value, figure) && !names(previous[k]?.value, figure),
  );
}

type Step = { at: number; clause: Clause } | { at: number; terms: TermCorrection };

/**
 * Applies every correction in the order written, so the last statement of a field wins. A
 * retraction ("no wait, 3 was right", "no, estaba bien") undoes the fix before it, whichever
 * field that fix changed, and then what follows its words is read as a clause of its own.
 */
export function applyCorrections(
  doc: Doc,
  found: readonly Clause[],
  fields: ExtractedFields,
  currencies: CurrencyMention[],
  deal: ListingType | undefined,
  cues: readonly CueMention[],
): CorrectionResult {
  if (found.length === 0 && !doc.folded.includes('\n')) return { fields, corrected: [] };
  let out: ExtractedFields = { ...fields };
  const terms = correctedTerms(
    doc,
    found.filter((c) => !c.restated),
    currencies,
    cues,
  );
  const steps: Step[] = [
    ...found.map((clause) => ({ at: clause.start, clause })),
    ...terms.map((t) => ({ at: t.at, terms: t })),
  ];
  // Stable: on one line, the line's clause (a retraction first of all) before its terms.
  steps.sort((a, b) => a.at - b.at);
  const undo: ExtractedFields[] = [];
  for (const step of steps) {
    let before = { ...out };
    if ('terms' in step) {
      layTermsOver(out, step.terms);
    } else {
      let clause = step.clause;
      const retraction = clause.retraction;
      if (retraction) {
        const previous = undo.at(-1);
        if (previous && !confirmsStanding(previous, out, retraction.figure)) {
          out = { ...previous };
          undo.pop();
        }
        // What follows the retraction ("ignore that, 5 beds") is a fix of its own.
        before = { ...out };
        const from = retraction.at;
        if (clause.end <= from) continue;
        clause = {
          ...clause,
          start: from,
          withdrawn: clause.withdrawn.filter((w) => w.start >= from),
        };
      }
      // "sorry, it's for rent, $4,200/month": a clause that switches the deal is read as that deal.
      const switched = terms.find(
        (t) => t.ListingType && t.at <= clause.start && clause.start < lineEnd(doc.folded, t.at),
      )?.ListingType?.value;
      layOver(out, readClause(doc, clause, out, currencies, switched ?? deal));
    }
    if (changed(before, out).length > 0) undo.push(before);
  }
  return { fields: out, corrected: changed(fields, out).filter((k) => k !== 'RentPeriod') };
}
