import type { ExtractedFields, ListingType } from '../../domain/listing';
import { extractArea } from './area';
import { keepOnly, type Clause } from './correction-clauses';
import { byReference, type Corrected } from './correction-reference';
import { correctedTerms } from './correction-terms';
import type { CurrencyMention } from './currency';
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
  if (Object.keys(found).length > 0) return found;
  return byReference(doc, masked, clause, fields);
}

export interface CorrectionResult {
  fields: ExtractedFields;
  /** The fields a later statement replaced. */
  corrected: Array<keyof ExtractedFields>;
}

/** Applies every correction clause in order, so the last statement of a field wins. */
export function applyCorrections(
  doc: Doc,
  found: readonly Clause[],
  fields: ExtractedFields,
  currencies: CurrencyMention[],
  deal: ListingType | undefined,
): CorrectionResult {
  if (found.length === 0 && !doc.folded.includes('\n')) return { fields, corrected: [] };
  const out: ExtractedFields = { ...fields };
  const corrected = new Set<keyof ExtractedFields>();
  for (const clause of found) {
    const fix = readClause(doc, clause, out, currencies, deal);
    if (fix.ListPrice) {
      out.ListPrice = fix.ListPrice;
      corrected.add('ListPrice');
    }
    if (fix.BedroomsTotal) {
      out.BedroomsTotal = fix.BedroomsTotal;
      corrected.add('BedroomsTotal');
    }
    if (fix.BathroomsTotalInteger) {
      delete out.BathroomsHalf;
      out.BathroomsTotalInteger = fix.BathroomsTotalInteger;
      if (fix.BathroomsHalf) out.BathroomsHalf = fix.BathroomsHalf;
      corrected.add('BathroomsTotalInteger');
    }
    const area = fix.LivingArea ?? fix.LotSizeArea;
    const unit = fix.LivingArea ? fix.LivingAreaUnits : fix.LotSizeUnits;
    if (area && unit) {
      // The corrected size replaces the size it corrects: the plot's when only a plot was given.
      if (out.LivingArea || !out.LotSizeArea) {
        out.LivingArea = area;
        out.LivingAreaUnits = unit as NonNullable<ExtractedFields['LivingAreaUnits']>;
        corrected.add('LivingArea');
      } else {
        out.LotSizeArea = area;
        out.LotSizeUnits = unit;
        corrected.add('LotSizeArea');
      }
    }
  }
  const terms = correctedTerms(
    doc,
    found.filter((c) => !c.restated),
    currencies,
  );
  if (terms.Currency && terms.Currency.value !== out.Currency?.value) {
    out.Currency = terms.Currency;
    corrected.add('Currency');
  }
  if (terms.ListingType && terms.ListingType.value !== out.ListingType?.value) {
    out.ListingType = terms.ListingType;
    if (terms.ListingType.value === 'sale') delete out.RentPeriod;
    corrected.add('ListingType');
  }
  return { fields: out, corrected: [...corrected] };
}
