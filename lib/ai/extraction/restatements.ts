import type { Evidence, ExtractedFields, ListingType, RentPeriod } from '../../domain/listing';
import { extractArea } from './area';
import type { CurrencyMention } from './currency';
import { extractPrice } from './price';
import { OTHER_MONEY_PATTERN, PAYMENT_PATTERN } from './price-context';
import { NEGOTIATION } from './correction-markers';
import { extractRooms } from './rooms';
import { alt, AR_PREFIX, WORD_END, WORD_START, type Doc } from './text';

/**
 * Restatements: a later message that states a field again with another value and no
 * correction word at all ("3 beds ... checked the floor plan: 4 beds", "el dueño ahora pide 3.9
 * mdp", "o dono baixou pra R$ 890 mil", "السعر صار 1.2 مليون"). Agents send the right figure
 * again rather than say it was wrong, in any language, so the later line wins, field by field,
 * when it is plainly about the same listing and the same thing:
 * - the field was stated on an earlier line, and the line states it with another value;
 * - the line names no other unit, floor or building part ("guest house has 2 beds", "also a
 *   3 bed unit at $2,400", "anexo T1"), and no other money (deposit, fee, parking, HOA);
 * - a price or size stays of the same order (a correction moves a figure, it does not turn a
 *   price into a fee), and a size keeps its unit and whether it is the plot or the home.
 */

const OTHER_PART_WORDS = [
  // en
  'also',
  'another',
  'other',
  'second',
  '2nd',
  'each',
  'guest',
  'guesthouse',
  'casita',
  'adu',
  'annex',
  'in-law',
  'upstairs',
  'downstairs',
  'floor',
  'level',
  'basement',
  'unit',
  'units',
  'apartment',
  'apartments',
  // es
  'otro',
  'otra',
  'otros',
  'otras',
  'tambien',
  'ademas',
  'segundo',
  'segunda',
  'cada',
  'anexo',
  'planta',
  'piso',
  'sotano',
  'unidad',
  'unidades',
  'departamento',
  'depa',
  // pt
  'outro',
  'outra',
  'outros',
  'outras',
  'tambem',
  'alem',
  'edicula',
  'andar',
  'terreo',
  'unidade',
  'apartamento',
  'apto',
  // ar (folded)
  'فوق',
  'العلوي',
  'الارضي',
  'الاول',
  'الثالث',
  'مستقل',
  'مستقله',
  'شقه',
  'شقق',
  // A price of another time: "last sold 2015 for $380k", "comprada en", "avaliado em".
  'sold',
  'bought',
  'paid',
  'appraised',
  'assessed',
  'valued',
  'vendida',
  'vendido',
  'comprada',
  'comprado',
  'avaluo',
  'avaliado',
  'avaliada',
  'اشتريت',
  'تقييم',
  // A rent for another period than the listing's: "الايجار النصف سنوي", "semestral".
  'نصف سنوي',
  'النصف سنوي',
  'ربع سنوي',
  'semestral',
  'trimestral',
  'semiannual',
  'half yearly',
  'quarterly',
  'اخرى',
  'الاخرى',
  'الثاني',
  'الثانيه',
  'ايضا',
  'كمان',
  'ملحق',
  'الملحق',
  'الطابق',
  'الدور',
  'كل',
  // Another unit type of a price list: "Duplex: $520k", "Cobertura: R$ 2,1 mi", "دوبلكس: ٥.٢
  // مليون". The listing's own type is in its first line, which lets the word through.
  'duplex',
  'triplex',
  'penthouse',
  'penthouses',
  'studio',
  'studios',
  'townhouse',
  'townhouses',
  'townhome',
  'townhomes',
  'atico',
  'estudio',
  'estudios',
  'monoambiente',
  'adosado',
  'adosada',
  'cobertura',
  'kitnet',
  'kitinete',
  'sobrado',
  'دوبلكس',
  'تريبلكس',
  'بنتهاوس',
  'ستوديو',
  'استوديو',
  'تاون هاوس',
  'روف',
];

/** Rooms that are neither bedrooms nor bathrooms: a line listing them inventories a part. */
const OTHER_ROOM_WORDS = [
  'living',
  'dining',
  'kitchen',
  'den',
  'sala',
  'salon',
  'comedor',
  'cocina',
  'cozinha',
  'copa',
  'صاله',
  'مجلس',
  'مطبخ',
  'خادمه',
];

// Not global: `test` on a global pattern carries `lastIndex` from one line to the next.
const words = (list: readonly string[]) =>
  new RegExp(String.raw`${WORD_START}(?:${AR_PREFIX})?(?:${alt(list)})${WORD_END}`, 'u');
const OTHER_PART = words(OTHER_PART_WORDS);
const OTHER_PARTS = new RegExp(OTHER_PART.source, 'gu');
const OTHER_ROOM = words(OTHER_ROOM_WORDS);
const OTHER_MONEY = new RegExp(OTHER_MONEY_PATTERN.source, 'u');
const PAYMENT = new RegExp(PAYMENT_PATTERN.source, 'u');
/**
 * A burst is a few messages. In a longer text (a portal's description) a figure on a later line
 * is more often another unit, floor or payment than a fix, so nothing there is a restatement.
 */
const MOST_LINES = 6;
/** A line longer than this is a paragraph of a description, not a message restating a figure. */
const LONGEST_LINE = 160;
/** A message of one figure ("4 beds", "السعر صار 1.2 مليون") is short. */
const LONGEST_ONE_FIGURE = 64;

export interface Span {
  start: number;
  end: number;
}

/** Lines after the first, outside correction clauses, that may restate a field. */
export function restatedLines(folded: string, clauses: readonly Span[]): Span[] {
  const out: Span[] = [];
  if (folded.split('\n').length > MOST_LINES) return out;
  let at = folded.indexOf('\n');
  let title: Set<string> | undefined;
  const negotiates = folded.search(NEGOTIATION) !== -1;
  while (at !== -1) {
    const next = folded.indexOf('\n', at + 1);
    const line = { start: at + 1, end: next === -1 ? folded.length : next };
    // "negotiable down to 6.2 crore": what follows the words is no asking price.
    const negotiation = negotiates && NEGOTIATION.exec(folded.slice(line.start, line.end));
    if (negotiation) line.end = line.start + negotiation.index;
    const text = folded.slice(line.start, line.end);
    const covered = clauses.some((c) => c.start < line.end && c.end > line.start);
    const plain =
      text.length <= LONGEST_LINE &&
      /\d/.test(text) &&
      otherParts(text).every((w) => (title ??= titleWords(folded)).has(w)) &&
      !OTHER_MONEY.test(text) &&
      !PAYMENT.test(text);
    if (!covered && plain) out.push(line);
    at = next;
  }
  return out;
}

/** The words of the first line, where the listing names itself ("Apto en venta ..."). */
function titleWords(folded: string): Set<string> {
  return new Set(folded.slice(0, folded.indexOf('\n')).split(/[^\p{L}\p{N}-]+/u));
}

/** The words naming another unit, floor or time on a line ("checked the floor plan" is none). */
function otherParts(line: string): string[] {
  const text = line.replace(/floor\s*plans?/g, '');
  if (!OTHER_PART.test(text)) return [];
  return [...text.matchAll(OTHER_PARTS)].map((m) => m[0]);
}

type Corrected = Partial<ExtractedFields>;
type Figure = { value: number; evidence: Evidence | null } | undefined;

/** Within a factor of 1.5 either way: a corrected figure, not another amount. */
const sameOrder = (a: number, b: number) => a > 0 && b > 0 && a / b <= 1.5 && b / a <= 1.5;

const shifted = <T extends { evidence: Evidence | null }>(f: T | undefined, by: number) =>
  f && f.evidence
    ? { ...f, evidence: { ...f.evidence, start: f.evidence.start + by, end: f.evidence.end + by } }
    : f;

/** The line read on its own, as a text of its own, with offsets back in the whole text. */
function readLine(
  doc: Doc,
  line: Span,
  currencies: readonly CurrencyMention[],
  deal: ListingType | undefined,
  rentPeriod: RentPeriod | undefined,
): Corrected {
  const tiny: Doc = {
    raw: doc.raw.slice(line.start, line.end),
    folded: doc.folded.slice(line.start, line.end),
    language: doc.language,
  };
  const inLine = currencies
    .filter((c) => c.start >= line.start && c.end <= line.end)
    .map((c) => ({ ...c, start: c.start - line.start, end: c.end - line.start }));
  const reading = extractPrice(tiny, inLine, deal);
  // "الايجار النصف سنوي 50 الف": a rent for another period is another figure.
  const period = reading.period?.period;
  const price = period && period !== rentPeriod ? undefined : reading.price;
  const rooms = extractRooms(tiny);
  const area = extractArea(tiny);
  const by = line.start;
  const out: Corrected = {};
  if (price) out.ListPrice = shifted(price, by);
  if (rooms.BedroomsTotal) out.BedroomsTotal = shifted(rooms.BedroomsTotal, by);
  if (rooms.BathroomsTotalInteger) {
    out.BathroomsTotalInteger = shifted(rooms.BathroomsTotalInteger, by);
    if (rooms.BathroomsHalf) out.BathroomsHalf = shifted(rooms.BathroomsHalf, by);
  }
  if (area.LivingArea && area.LivingAreaUnits) {
    out.LivingArea = shifted(area.LivingArea, by);
    out.LivingAreaUnits = area.LivingAreaUnits;
  }
  return out;
}

/** Stated on an earlier line, and whether the line states the same value. */
function compare(before: Figure, after: Figure, line: Span): 'same' | 'changed' | undefined {
  if (!before || !after || !before.evidence || before.evidence.end > line.start) return undefined;
  return before.value === after.value ? 'same' : 'changed';
}

/**
 * What a later line changes: as a message of one figure (the line states that field alone, and
 * no other room), or as the listing's line sent again (two or more fields restated unchanged).
 */
export function readRestatement(
  doc: Doc,
  line: Span,
  fields: ExtractedFields,
  currencies: readonly CurrencyMention[],
  deal: ListingType | undefined,
): Corrected {
  const found = readLine(doc, line, currencies, deal, fields.RentPeriod?.value);
  const baths = (f: Corrected | ExtractedFields) =>
    f.BathroomsTotalInteger && {
      value: f.BathroomsTotalInteger.value + (f.BathroomsHalf?.value ?? 0) / 10,
      evidence: f.BathroomsTotalInteger.evidence,
    };
  const sameUnit = found.LivingAreaUnits?.value === fields.LivingAreaUnits?.value;
  const pairs: Array<[keyof ExtractedFields, Figure, Figure, boolean]> = [
    ['ListPrice', fields.ListPrice, found.ListPrice, true],
    ['BedroomsTotal', fields.BedroomsTotal, found.BedroomsTotal, true],
    ['BathroomsTotalInteger', baths(fields), baths(found), true],
    ['LivingArea', fields.LivingArea, found.LivingArea, sameUnit],
  ];
  const changed: Array<keyof ExtractedFields> = [];
  let same = 0;
  for (const [key, before, after, comparable] of pairs) {
    const verdict = comparable ? compare(before, after, line) : undefined;
    if (verdict === 'same') same++;
    if (verdict === 'changed') changed.push(key);
  }
  const stated = pairs.filter(([, , after]) => after !== undefined).length;
  const text = doc.folded.slice(line.start, line.end);
  // A line naming the listing's own unit ("Apto ... | 2 hab | $460M" again) only restates it
  // when it is that line sent again; alone its figures may be another unit's.
  const message =
    otherParts(text).length === 0 &&
    text.trim().length <= LONGEST_ONE_FIGURE &&
    !OTHER_ROOM.test(text);
  const oneFigure = message && changed.length === 1 && stated === 1;
  // "son 4 recámaras y 3 baños": the room counts fixed together, every figure on it new.
  const roomsFixed =
    message &&
    stated === 2 &&
    changed.includes('BedroomsTotal') &&
    changed.includes('BathroomsTotalInteger');
  if (!oneFigure && !roomsFixed && same < 2) return {};
  const out: Corrected = {};
  for (const key of changed) {
    if (key === 'ListPrice' && found.ListPrice && fields.ListPrice) {
      if (sameOrder(found.ListPrice.value, fields.ListPrice.value)) out.ListPrice = found.ListPrice;
    } else if (key === 'BedroomsTotal') {
      out.BedroomsTotal = found.BedroomsTotal;
    } else if (key === 'BathroomsTotalInteger') {
      out.BathroomsTotalInteger = found.BathroomsTotalInteger;
      if (found.BathroomsHalf) out.BathroomsHalf = found.BathroomsHalf;
    } else if (key === 'LivingArea' && found.LivingArea && fields.LivingArea) {
      if (sameOrder(found.LivingArea.value, fields.LivingArea.value)) {
        out.LivingArea = found.LivingArea;
        out.LivingAreaUnits = found.LivingAreaUnits;
      }
    }
  }
  return out;
}
