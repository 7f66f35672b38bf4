import type { ExtractedField, ListingType } from '../../domain/listing';
import type { CurrencyMention } from './currency';
import { AMOUNT_START, readAmount, type Amount } from './numbers';
import { periodAfter, periodBefore, type PeriodMention } from './period';
import {
  ANOTHER_PRICE_BEFORE,
  FROM_BEFORE,
  NOT_MONEY_AFTER_PATTERN,
  NOT_MONEY_BEFORE,
  OTHER_MONEY_AFTER,
  OTHER_MONEY_PATTERN,
  OTHER_THING_BEFORE,
  PAYMENT_PATTERN,
  PER_SIZE_AFTER,
  PER_SIZE_BEFORE,
  PHONE_DIGITS,
  PRICE_WORD_PATTERN,
  REPLACED_BY_AFTER,
  UNIT_IN_TITLE,
  UNIT_LABEL_BEFORE,
  SIZE_BEFORE,
  STREET_AFTER,
  WEAK_WORD_PATTERN,
} from './price-context';
import { isRangeBound } from './price-range';
import { spelledAmounts } from './spelled-numbers';
import { evidence, rx, type Doc } from './text';
import { titledUnitLine } from './unit-list';

const AMOUNT_PATTERN = rx(AMOUNT_START);

/**
 * The asking price. Every number is a candidate; what is written around it decides whether it
 * is money (a currency next to it, a price word shortly before it, a rent period after it, a
 * magnitude word such as "millones" or "الف") and whether it is some other money (a deposit, a
 * fee, the building's administration). The best-supported candidate wins; on a tie, the first
 * one written, since agents lead with the price.
 */

export interface PriceReading {
  price?: ExtractedField<number>;
  /** The currency written next to the price, if any. */
  currency?: CurrencyMention;
  /** A rent period written right after the price ("/mo", "سنويا"). */
  period?: PeriodMention;
  /** With no price read, the starting price of a range of units ("from $399,000"), if any. */
  startingPrice?: { value: number; start: number; end: number };
}

interface Candidate {
  amount: Amount;
  score: number;
  currency?: CurrencyMention;
  period?: PeriodMention;
  /** The lowest price of a range of units ("from $399,000"), see `choose`. */
  from?: boolean;
  /** The unit type a price list names before the amount ("3 rec", "PH"), see `forTitledUnit`. */
  unit?: string;
}

interface Span {
  start: number;
  end: number;
}

const spans = (folded: string, pattern: RegExp): Span[] =>
  [...folded.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length }));

/**
 * The last span that ends at most `reach` characters before `start`, in the same clause: no
 * number, line break or sentence break ("included. $900") between them.
 */
function spanBefore(folded: string, list: Span[], start: number, reach: number): Span | undefined {
  let found: Span | undefined;
  for (const m of list) {
    if (m.end > start) break;
    if (start - m.end > reach) continue;
    const gap = folded.slice(m.end, start);
    if (/\d|\n/.test(gap) || /[.;!?,|]\s/.test(gap.slice(1))) continue;
    found = m;
  }
  return found;
}

/** A span that starts within `reach` characters after `end`, with no number between. */
function spanAfter(folded: string, list: Span[], end: number, reach: number): Span | undefined {
  return list.find(
    (m) => m.start >= end && m.start - end <= reach && !/\d|\n/.test(folded.slice(end, m.start)),
  );
}

function currencyNear(
  folded: string,
  mentions: CurrencyMention[],
  start: number,
  end: number,
): CurrencyMention | undefined {
  for (const c of mentions) {
    // A currency at the end of a line belongs to the amount before it ("... mil euros\n3 dorm").
    if (
      c.end <= start &&
      start - c.end <= 3 &&
      /^[^\S\n]*[.:]?[^\S\n]*$/.test(folded.slice(c.end, start))
    )
      return c;
    if (
      c.start >= end &&
      c.start - end <= 5 &&
      /^\s*(?:de\s+)?$/.test(folded.slice(end, c.start))
    ) {
      // "entrega 2026\n$4,200,000": a symbol opening the next line is the next amount's.
      const opensNext = folded.slice(end, c.start).includes('\n');
      if (opensNext && /^[^\S\n]?\d/.test(folded.slice(c.end, c.end + 2))) continue;
      return c;
    }
  }
  return undefined;
}

/** Dates ("10/1/2022"), times ("9:30") and phone numbers ("738-0105"). */
function isDateTimeOrPhone(folded: string, start: number, end: number): boolean {
  return (
    /[/:]\d$|\d-$/.test(folded.slice(Math.max(0, start - 2), start)) ||
    /^(?:[/:]\d|-\d{3})/.test(folded.slice(end, end + 4))
  );
}

interface Context {
  doc: Doc;
  currencies: CurrencyMention[];
  deal: ListingType | undefined;
  priceWords: Span[];
  weakWords: Span[];
  paymentWords: Span[];
  otherMoney: Span[];
}

/**
 * The candidate whose digits span [start, digitsEnd), or null when the words around it say it
 * is not the asking price.
 */
function readCandidate(
  ctx: Context,
  start: number,
  digitsEnd: number,
  spelled?: Amount,
): Candidate | null {
  const { folded } = ctx.doc;
  if (isDateTimeOrPhone(folded, start, digitsEnd)) return null;
  if (PHONE_DIGITS.test(folded.slice(start, digitsEnd))) return null;
  // "3 مليون": the word is the magnitude of the number before it, not an amount of its own.
  if (!/\d/.test(folded.charAt(start)) && /\d\s?$/.test(folded.slice(start - 2, start)))
    return null;
  const currencyBefore = currencyNear(folded, ctx.currencies, start, start);
  // Digits glued to a letter are part of a unit or a code ("m2", "RQ10022"), unless the letter
  // is a currency ("N12m").
  if (!currencyBefore && /[a-z\u0645]$/.test(folded.slice(start - 1, start))) return null;
  const lead = folded.slice(Math.max(0, start - 16), start);
  if (!currencyBefore && SIZE_BEFORE.test(lead)) return null;
  const before = folded.slice(
    Math.max(0, (currencyBefore?.start ?? start) - 30),
    currencyBefore?.start ?? start,
  );
  if (PER_SIZE_BEFORE.test(before)) return null;
  const line = folded.slice(
    Math.max(0, (currencyBefore?.start ?? start) - 60),
    currencyBefore?.start ?? start,
  );
  if (ANOTHER_PRICE_BEFORE.test(line)) return null;
  const word = spanBefore(folded, ctx.priceWords, start, 30);
  if (word && OTHER_THING_BEFORE.test(folded.slice(Math.max(0, word.start - 24), word.start))) {
    return null;
  }
  const amount =
    spelled ??
    readAmount(folded, start, digitsEnd, {
      moneyContext: !!currencyBefore || !!word,
      pointIsDecimal: ctx.doc.language === 'en',
    });
  if (!amount || amount.value <= 0) return null;
  const currency = currencyBefore ?? currencyNear(folded, ctx.currencies, amount.end, amount.end);
  // "mil metros", "one thousand sq ft": words alone are money only with a currency or price word.
  if (spelled && !currency && !word) return null;
  const end = currency && currency.start >= amount.end ? currency.end : amount.end;
  if (PER_SIZE_AFTER.test(folded.slice(end, end + 24))) return null;
  // "$2.500 USD el m2": the code after the amount does not hide the rate's unit.
  const code = currencyBefore && currencyNear(folded, ctx.currencies, amount.end, amount.end);
  if (
    code &&
    code.start >= amount.end &&
    PER_SIZE_AFTER.test(folded.slice(code.end, code.end + 24))
  )
    return null;
  if (isRangeBound(folded, currency?.start ?? start, end, amount)) return null;
  if (REPLACED_BY_AFTER.test(folded.slice(end, end + 24))) return null;
  // "$1,800 USD al mes": the period follows the code written after the amount.
  const codeAfter = code && code.start >= amount.end ? code : undefined;
  const after = periodAfter(folded, end) ?? (codeAfter ? periodAfter(folded, codeAfter.end) : null);
  const period = after ?? periodBefore(folded, currencyBefore?.start ?? start);
  // In a sale listing, an amount per month is what the property earns, or a fee.
  if (period && ctx.deal === 'sale') return null;
  const tail = after?.end ?? end;
  if (OTHER_MONEY_AFTER.test(folded.slice(tail, tail + 30))) return null;
  if (!currency && !amount.scaled) {
    if (!period && NOT_MONEY_AFTER_PATTERN.test(folded.slice(end, end + 24))) return null;
    if (NOT_MONEY_BEFORE.test(lead)) return null;
    if (STREET_AFTER.test(folded.slice(amount.end, amount.end + 30))) return null;
  }
  // "deposit $500", "pet rent: $45": other money named closer to the amount than any price word.
  // A comma right after it ends that item of a list: "double garage, $629,900".
  const other = spanBefore(folded, ctx.otherMoney, start, 24);
  if (other && (!word || other.end > word.start) && folded.charAt(other.end) !== ',') return null;

  const moneyMark = !!currency || amount.scaled;
  let score = 0;
  if (currency) score += currency.code ? 3 : 2;
  if (word) score += 2;
  else if (moneyMark && spanBefore(folded, ctx.weakWords, start, 12)) score += 1;
  const payment =
    spanBefore(folded, ctx.paymentWords, start, 20) ?? spanAfter(folded, ctx.paymentWords, end, 6);
  if (payment) score += 2;
  if (period) score += 2;
  if (amount.scaled || amount.value >= 1000) score += 1;
  // "garages ($75/mo)": an amount in brackets is an aside.
  if (/\(\s*$/.test(folded.slice(Math.max(0, start - 6), currency?.start ?? start))) score -= 2;

  if (score < 2 && !amount.scaled) return null;
  // A bare number needs to look like a price: not a small count, not a year.
  if (!moneyMark && amount.value < 100) return null;
  if (!moneyMark && !word && amount.value >= 1900 && amount.value <= 2100) return null;
  return {
    amount,
    score,
    ...(currency ? { currency } : {}),
    ...(period ? { period } : {}),
    ...(FROM_BEFORE.test(before) ? { from: true } : {}),
    ...unitLabel(before),
  };
}

function unitLabel(before: string): { unit?: string } {
  const label = UNIT_LABEL_BEFORE.exec(before);
  // "غرفتين: ٢.٨ مليون": the Arabic dual names two rooms.
  const unit = label?.[1] ?? (label?.[2] ? '2' : label?.[3]);
  return unit ? { unit } : {};
}

/**
 * A price list of several unit types ("2 rec $3.2 mdp · 3 rec $4.1 mdp") prices the unit the
 * first line names ("Depa de 3 recámaras"); when the first line names none, no one of them is
 * this listing's price.
 */
function forTitledUnit(folded: string, candidates: Candidate[]): Candidate[] {
  // "Unit B is the one for your client ... Unit B: 3 bed, $559,000": that line's price.
  const line = titledUnitLine(folded);
  const onLine = candidates.filter(
    (c) => line && c.amount.start >= line.start && c.amount.end <= line.end,
  );
  if (onLine.length > 0) return onLine;
  const units = new Set(candidates.flatMap((c) => (c.unit ? [c.unit] : [])));
  if (units.size < 2) return candidates;
  const title = UNIT_IN_TITLE.exec(folded.split('\n', 1)[0] ?? '')?.[1];
  return candidates.filter((c) => !c.unit || c.unit === title);
}

/**
 * "Studios from $1,400 ... 2 beds $2,300": a price without "from" names this unit, so it beats
 * every starting price. With only starting prices, a rent listing ("suites starting at
 * $1,314/month") asks that rent; a development for sale ("lofts from $399,000") names no price
 * for any one unit, so none is read.
 */
function withoutStartingPrices(
  candidates: Candidate[],
  lean: ListingType | undefined,
): Candidate[] {
  const stated = candidates.filter((c) => !c.from);
  if (stated.length > 0) return stated;
  return candidates.filter((c) => c.period || lean === 'rent');
}

/** The highest score wins; on a tie, the first written. Rivals close behind lower the confidence. */
function choose(doc: Doc, candidates: Candidate[]): PriceReading {
  let winner: Candidate | undefined;
  for (const c of candidates) if (!winner || c.score > winner.score) winner = c;
  if (!winner) return {};
  const best = winner;
  const rivals = candidates.filter(
    (c) =>
      c !== best &&
      c.score >= best.score - 1 &&
      Math.abs(c.amount.value - best.amount.value) > 0.01 * best.amount.value,
  ).length;
  const base = best.score >= 6 ? 0.95 : best.score >= 4 ? 0.85 : best.score >= 3 ? 0.75 : 0.6;
  const start = Math.min(best.amount.start, best.currency?.start ?? Infinity);
  const end = Math.max(best.amount.end, best.currency?.end ?? 0);
  return {
    price: {
      value: best.amount.value,
      evidence: evidence(doc, start, end),
      confidence: Math.max(0.3, base - 0.1 * Math.min(rivals, 3)),
    },
    ...(best.currency ? { currency: best.currency } : {}),
    ...(best.period ? { period: best.period } : {}),
  };
}

/**
 * `deal`: the deal the text names outright, if any (see `namedDeal`); `lean`: the deal its
 * weaker cues suggest (see `leaningDeal`).
 */
export function extractPrice(
  doc: Doc,
  currencies: CurrencyMention[],
  deal?: ListingType,
  lean: ListingType | undefined = deal,
): PriceReading {
  const { folded } = doc;
  const ctx: Context = {
    doc,
    currencies,
    deal,
    priceWords: spans(folded, PRICE_WORD_PATTERN),
    weakWords: spans(folded, WEAK_WORD_PATTERN),
    paymentWords: spans(folded, PAYMENT_PATTERN),
    otherMoney: spans(folded, OTHER_MONEY_PATTERN),
  };
  const candidates: Candidate[] = [];
  for (const match of folded.matchAll(AMOUNT_PATTERN)) {
    const candidate = readCandidate(ctx, match.index, match.index + match[0].length);
    if (candidate) candidates.push(candidate);
  }
  for (const amount of spelledAmounts(folded)) {
    const candidate = readCandidate(ctx, amount.start, amount.end, amount);
    if (candidate) candidates.push(candidate);
  }
  // Ties go to the first written, so candidates stay in text order.
  candidates.sort((a, b) => a.amount.start - b.amount.start);
  const priced = forTitledUnit(folded, withoutStartingPrices(candidates, deal ?? lean));
  const reading = choose(doc, priced);
  // A development's starting price names no unit's price, but it still says the units sell.
  const from = priced.length === 0 ? candidates[0] : undefined;
  return from ? { ...reading, startingPrice: from.amount } : reading;
}
