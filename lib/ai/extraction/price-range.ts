import type { ExtractedField } from '../../domain/listing';
import { NUMBER, readAmount, type Amount } from './numbers';
import { evidence, type Doc } from './text';

/**
 * A range of prices ("$450,000 - $475,000", "Offers between $1.1M - $1.2M", "3,5 a 4 millones",
 * "entre $2.000.000 y $2.300.000") gives no one asking price: both bounds are left out. Two
 * numbers joined by a dash are often something else ("$1,800 - 2 bed", "Unit 5 - $1,800"), so
 * the other bound must be money too, and the range must rise by less than threefold.
 */

const CURRENCY = String.raw`(?:us\$|u\$s|r\$|c\$|a\$|\$|€|£|₹|₦|usd|eur|gbp|aed|sar|egp)`;
const JOIN = String.raw`(?:-|~|a|to|al|ate|hasta|y|and|e)`;
const BOUND_AFTER = new RegExp(
  String.raw`^[^\S\n]*(${JOIN})[^\S\n]*(${CURRENCY})?[^\S\n]*(?=\d)`,
  'u',
);
const BOUND_BEFORE = new RegExp(
  String.raw`(?:(?:^|[^\p{L}])(entre|between)[^\S\n]+)?(${CURRENCY})?[^\S\n]*(${NUMBER})[^\S\n]*(\p{L}{0,8})[^\S\n]*(${JOIN})[^\S\n]*(?:${CURRENCY})?[^\S\n]*$`,
  'u',
);
const NUMBER_AT_START = new RegExp(`^${NUMBER}`, 'u');
/** "y", "and", "e" join a range only after "entre" or "between". */
const NEEDS_BETWEEN = new Set(['y', 'and', 'e']);
const BETWEEN_BEFORE = /(?:^|[^\p{L}])(?:entre|between)[^\S\n]*\S*[^\S\n]*$/u;

/** Whether `low` to `high` reads as a range, scaling a bound written without its magnitude. */
function rises(low: Amount, high: Amount): boolean {
  const lowValue = !low.scaled && high.scaled ? low.value * magnitudeOf(high) : low.value;
  return high.value > lowValue && high.value <= 3 * lowValue;
}

/** The power of ten a scaled amount was multiplied by, judged from its size. */
function magnitudeOf(a: Amount): number {
  return a.value >= 1e6 ? 1e6 : a.value >= 1e3 ? 1e3 : 1;
}

/**
 * Whether the money amount at [start, end) (currency included) is a bound of a range.
 * `amount` is its reading.
 */
export function isRangeBound(folded: string, start: number, end: number, amount: Amount): boolean {
  const after = BOUND_AFTER.exec(folded.slice(end, end + 16));
  if (after) {
    const at = end + after[0].length;
    const digits = NUMBER_AT_START.exec(folded.slice(at, at + 24));
    const high = digits && readAmount(folded, at, at + digits[0].length, { moneyContext: true });
    const between = BETWEEN_BEFORE.test(folded.slice(Math.max(0, start - 16), start));
    if (
      high &&
      (after[2] || high.scaled) &&
      (!NEEDS_BETWEEN.has(after[1] ?? '') || between) &&
      rises(amount, high)
    )
      return true;
  }
  const before = BOUND_BEFORE.exec(folded.slice(Math.max(0, start - 40), start));
  if (before) {
    const digitsAt = start - before[0].length + before[0].indexOf(before[3] ?? '');
    const low = readAmount(folded, digitsAt, digitsAt + (before[3] ?? '').length, {
      moneyContext: true,
    });
    if (low && (!NEEDS_BETWEEN.has(before[5] ?? '') || before[1]) && rises(low, amount))
      return true;
  }
  return false;
}

/**
 * A development's starting price names no one unit's price ("lofts from $399,000, studios to
 * 3 beds"), unless the text describes a single unit in full, with its bedrooms and its size:
 * "Lançamento ... 4 quartos, 150m² ... a partir de R$ 1.690.000" is what that unit costs.
 */
export function oneUnitStartingPrice(
  doc: Doc,
  starting: { value: number; start: number; end: number } | undefined,
  bedrooms: ExtractedField<number> | undefined,
  livingArea: ExtractedField<number> | undefined,
): ExtractedField<number> | undefined {
  if (!starting || !bedrooms || !livingArea) return undefined;
  return {
    value: starting.value,
    evidence: evidence(doc, starting.start, starting.end),
    confidence: 0.6,
  };
}
