import type { ExtractedField, ExtractedFields, ListingType } from '../../domain/listing';
import { extractArea } from './area';
import { correctedTerms } from './correction-terms';
import type { CurrencyMention } from './currency';
import { NUMBER, parseNumber, readAmount } from './numbers';
import { extractPrice } from './price';
import { readRestatement, restatedLines } from './restatements';
import { extractRooms } from './rooms';
import { evidence, fold, WORD_END, WORD_START, type Doc } from './text';

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

const MARKERS = [
  // en
  'sorry',
  'correction',
  'corrected',
  'actually',
  'update',
  'updated',
  'typo',
  'my bad',
  'i meant',
  'i mean',
  'edit',
  'make that',
  'make it',
  'oops',
  'no wait',
  'scratch that',
  'price drop',
  'price dropped',
  'price reduced',
  'reduced to',
  'new price',
  'now asking',
  'dropped to',
  'lowered to',
  'lowered it to',
  // es
  'perdon',
  'perdona',
  'disculpa',
  'disculpen',
  'corrijo',
  'correccion',
  'corregido',
  'me equivoque',
  'quise decir',
  'mejor dicho',
  'en realidad',
  'fe de erratas',
  'actualizado',
  'actualizacion',
  'precio final',
  'nuevo precio',
  'rebajado a',
  'bajo a',
  'ahora pide',
  'quedo en',
  // pt
  'desculpa',
  'desculpe',
  'corrigindo',
  'correcao',
  'corrigido',
  'errei',
  'ops',
  'opa',
  'na verdade',
  'quis dizer',
  'atualizado',
  'atualizacao',
  'preco final',
  'novo preco',
  'baixou para',
  'preco baixou',
  'baixou pra',
  'abaixou pra',
  // ar (folded)
  'تصحيح',
  'عفوا',
  'اسف',
  'اسفه',
  'غلطه',
  'المقصود',
  'قصدي',
  'الصحيح',
  'بالغلط',
  'السعر النهايي',
  'السعر الجديد',
  'السعر صار',
  'صار السعر',
  'نزل السعر',
];

const MARKER = new RegExp(
  String.raw`${WORD_START}(?:${MARKERS.map((m) => m.replace(/ /g, String.raw`\s+`)).join('|')})${WORD_END}`,
  'gu',
);

const MAGNITUDE_WORD = String.raw`(?:k|mdp|mil|mi|mm|m|millones|millon|milhoes|milhao|lakhs?|lacs?|cr|crores?|الف|مليون)`;
/** A figure as it is withdrawn: "612k", "$3.8", "3 baños", "T4", "3". */
const FIGURE = String.raw`(?:t(?<t>\d)|(?:[$€£]|r\$|us\$)?\s?(?<n>${NUMBER})(?:\s?${MAGNITUDE_WORD}${WORD_END})?(?:[^\S\n]+(?<noun>[\p{L}]{2,}(?:\s+(?:نوم|مياه))?))?)`;
const NEGATION = String.raw`(?:not|instead\s+of|rather\s+than|no\s+(?:es|son|era|eran)|nao\s+(?:e|sao|era)|e\s+nao|nao|no|مش|مو|مب|وليس|ليس|بدل|مو\s+هو)`;
const WITHDRAWN = new RegExp(String.raw`${WORD_START}${NEGATION}\s+${FIGURE}`, 'gud');
/**
 * A line that is a correction by its shape: WhatsApp's "*3 baths" (an asterisk before a figure,
 * not bold: no closing asterisk), or a line that opens by withdrawing ("not 1.85, it's 1.95M").
 */
const SHAPED_LINE = new RegExp(
  String.raw`(?<=^|\n)[^\S\n]*(?:\*[^\S\n]?(?:t\d|(?:r\$|us\$|[$€£])?[^\S\n]?\d)[^*\n]*$|(?:not|no|nao|مش)\s+[$€£]?\d)`,
  'gmu',
);
/** A field's label restated on a later line ("Price: $365,000" after "Price: $349,000"). */
const LABEL = new RegExp(
  String.raw`^[^\S\n]*\*?(?<label>price|asking(?:\s+price)?|list\s+price|rent|beds|bedrooms|baths|bathrooms|size|area|precio|renta|recamaras|habitaciones|banos|superficie|preco|valor|aluguel|quartos|banheiros|السعر|الايجار|المساحه)\*?\s*[:：]`,
  'gmu',
);
/** "621k not 612k" on a line with no correction word. */
const X_NOT_Y = new RegExp(
  String.raw`\d\S*\s+(?:not|no|nao|مش|مو)\s+(?:t\d|[$€£]?\d)|(?<![\p{L}])(?:no\s+(?:son|es)|nao\s+(?:sao|e))\s+\d`,
  'gu',
);

interface Withdrawn {
  start: number;
  end: number;
  /** The figure's number as written, without magnitude ("3.4" in "مش 3.4"). */
  number: number;
  /** Its value with the magnitude word, when one is written ("612k" is 612,000). */
  amount: number;
  bedroomsShorthand: boolean;
  noun?: string;
}

export interface Clause {
  start: number;
  end: number;
  withdrawn: Withdrawn[];
  /** A later line that states a field again with no correction word (see restatements.ts). */
  restated?: boolean;
}

function lineEnd(folded: string, from: number): number {
  const i = folded.indexOf('\n', from);
  return i === -1 ? folded.length : i;
}

function lineClause(folded: string, at: number): { start: number; end: number } {
  return { start: at, end: lineEnd(folded, at) };
}

/** The correction clauses of a text, in the order written. */
export function correctionClauses(folded: string): Clause[] {
  const found: Array<{ start: number; end: number }> = [];
  for (const m of folded.matchAll(MARKER)) found.push(markerClause(folded, m.index));
  for (const m of folded.matchAll(SHAPED_LINE)) found.push(lineClause(folded, m.index));
  const labels = new Set<string>();
  for (const m of folded.matchAll(LABEL)) {
    const label = m.groups?.label ?? '';
    if (labels.has(label)) found.push(lineClause(folded, m.index));
    labels.add(label);
  }
  for (const m of folded.matchAll(X_NOT_Y)) {
    if (found.some((c) => m.index >= c.start && m.index < c.end)) continue;
    const head = folded.slice(0, m.index);
    const start = Math.max(head.lastIndexOf('\n'), head.search(/[,;.!?](?=[^,;.!?]*$)/)) + 1;
    found.push({ start, end: lineEnd(folded, m.index) });
  }
  found.sort((a, b) => a.start - b.start);
  // A line can be a clause twice over ("*sorry, 3 baths"): the first reading covers it.
  const distinct = found.filter((c, i) => !found.slice(0, i).some((p) => c.start < p.end));
  const marked: Clause[] = distinct.map((c) => ({
    ...c,
    withdrawn: withdrawnIn(folded, c.start, c.end),
  }));
  const restated = restatedLines(folded, distinct).map((l) => ({
    ...l,
    withdrawn: [],
    restated: true,
  }));
  return [...marked, ...restated].sort((a, b) => a.start - b.start);
}

/** A figure and the separator after it: "3 bed - sorry 4 bed, 2 bath" fixes only "4 bed". */
const FIGURE_THEN_SEPARATOR = /(?:^|[^\p{L}])(?:t\d|\d)[^;\n]*?(?=\s-\s|;|,(?!\d))/u;

/**
 * The clause a correction word opens: the rest of its line; the next line too when the word
 * stands alone ("sorry!"). Mid-line, after a figure ("3 bed - sorry 4 bed, 2 bath"), only up to
 * the separator after the first figure, so that the rest of the line stays a first statement.
 */
function markerClause(folded: string, at: number): { start: number; end: number } {
  let end = lineEnd(folded, at);
  if (!/\d|(?:^|\s)t\d/.test(folded.slice(at, end)) && end < folded.length) {
    return { start: at, end: lineEnd(folded, end + 1) };
  }
  const lineStart = folded.lastIndexOf('\n', at - 1) + 1;
  if (/\d/.test(folded.slice(lineStart, at))) {
    const m = FIGURE_THEN_SEPARATOR.exec(folded.slice(at, end));
    if (m) end = at + m.index + m[0].length;
  }
  return { start: at, end };
}

function withdrawnIn(folded: string, start: number, end: number): Withdrawn[] {
  const out: Withdrawn[] = [];
  const text = folded.slice(start, end);
  for (const m of text.matchAll(WITHDRAWN)) {
    const g = m.groups ?? {};
    const s = start + m.index;
    const figureEnd = s + m[0].length;
    if (g.t !== undefined) {
      const n = Number(g.t);
      out.push({ start: s, end: figureEnd, number: n, amount: n, bedroomsShorthand: true });
      continue;
    }
    const nStart = start + (m.indices?.groups?.n?.[0] ?? 0);
    const nEnd = start + (m.indices?.groups?.n?.[1] ?? 0);
    const amount = readAmount(folded, nStart, nEnd, { moneyContext: true });
    const plain = readAmount(folded, nStart, nEnd, { moneyContext: false });
    if (!amount || !plain) continue;
    // A noun is kept only when it is part of the figure, not the next sentence's first word.
    const noun = g.noun && !/[.,;]/.test(folded.slice(nEnd, s + m[0].length)) ? g.noun : undefined;
    out.push({
      start: s,
      end: noun ? figureEnd : Math.max(amount.end, nEnd),
      number: plain.scaled ? plain.value : parseFloat(folded.slice(nStart, nEnd)) || plain.value,
      amount: amount.value,
      bedroomsShorthand: false,
      ...(noun ? { noun } : {}),
    });
  }
  return out;
}

/**
 * The text before its corrections: the clauses blanked out, so that the figures they withdraw
 * or restate do not compete with the first statement; `applyCorrections` then lays them over.
 */
export function withoutCorrections(doc: Doc, clauses: readonly Clause[]): Doc {
  if (clauses.length === 0) return doc;
  let folded = doc.folded;
  // A restated line may be the first statement of a field: it stays.
  for (const c of clauses.filter((x) => !x.restated)) {
    folded =
      folded.slice(0, c.start) +
      folded.slice(c.start, c.end).replace(/[^\n]/g, ' ') +
      folded.slice(c.end);
  }
  return { ...doc, folded };
}

/** The text with only [start, end) kept, minus the withdrawn figures: same length as the text. */
function keepOnly(doc: Doc, clause: Clause): Doc {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  let folded =
    blank(doc.folded.slice(0, clause.start)) + doc.folded.slice(clause.start, clause.end);
  folded += blank(doc.folded.slice(clause.end));
  for (const w of clause.withdrawn) {
    folded = folded.slice(0, w.start) + blank(folded.slice(w.start, w.end)) + folded.slice(w.end);
  }
  return { ...doc, folded };
}

type Corrected = Partial<ExtractedFields>;

const NUMBER_IN = new RegExp(String.raw`(?:^|[^\p{L}])t(?<t>\d)${WORD_END}|(?<n>${NUMBER})`, 'gud');

/** The first figure the clause states (outside withdrawn ones), with its span. */
function statedFigure(
  masked: Doc,
  clause: Clause,
): { start: number; end: number; text: string; t: boolean } | undefined {
  const text = masked.folded.slice(clause.start, clause.end);
  for (const m of text.matchAll(NUMBER_IN)) {
    const g = m.indices?.groups;
    const span = g?.t ?? g?.n;
    if (!span) continue;
    const start = clause.start + span[0];
    const end = clause.start + span[1];
    return { start, end, text: masked.folded.slice(start, end), t: g?.t !== undefined };
  }
  return undefined;
}

/** A tiny text of its own, "<figure> <noun>", read by the room and area rules. */
function readWithNoun(doc: Doc, figure: string, noun: string): Corrected {
  const raw = `${figure} ${noun}`;
  const tiny: Doc = { raw, folded: fold(raw), language: doc.language };
  return { ...extractRooms(tiny), ...extractArea(tiny) };
}

function withEvidence<T>(f: ExtractedField<T> | undefined, doc: Doc, s: number, e: number) {
  return f ? { ...f, evidence: evidence(doc, s, e), confidence: Math.min(f.confidence, 0.8) } : f;
}

function sameFigure(value: number | undefined, w: Withdrawn): number | undefined {
  if (value === undefined) return undefined;
  for (const factor of [1, 1e3, 1e5, 1e6, 1e7]) {
    if (Math.abs(w.number * factor - value) <= 0.005 * value) return factor;
  }
  if (Math.abs(w.amount - value) <= 0.005 * value) return 1;
  return undefined;
}

/** What the withdrawn figure, or the bare figure's size, says the clause corrects. */
function byReference(doc: Doc, masked: Doc, clause: Clause, fields: ExtractedFields): Corrected {
  const figure = statedFigure(masked, clause);
  if (!figure) return {};
  const s = figure.start;
  const e = figure.end;
  if (figure.t) {
    const n = Number(figure.text);
    return {
      BedroomsTotal: { value: n, evidence: evidence(doc, s - 1, e), confidence: 0.8 },
    };
  }
  const w = clause.withdrawn[0];
  if (w?.noun) {
    const tiny = readWithNoun(
      doc,
      doc.folded.slice(s, lineEnd(doc.folded, s)).split(/[,;.]/)[0] ?? '',
      w.noun,
    );
    return mapEvidence(tiny, doc, s, e);
  }
  if (w?.bedroomsShorthand) return {};
  const amount = readAmount(masked.folded, s, e, { moneyContext: true });
  if (!amount) return {};
  const price = fields.ListPrice?.value;
  const factor = w ? sameFigure(price, w) : undefined;
  if (w && factor !== undefined) {
    const value = amount.scaled ? amount.value : amount.value * factor;
    return { ListPrice: { value, evidence: evidence(doc, s, amount.end), confidence: 0.8 } };
  }
  if (w) {
    const counts: Array<[keyof ExtractedFields, number | undefined]> = [
      ['BedroomsTotal', fields.BedroomsTotal?.value],
      ['BathroomsTotalInteger', fields.BathroomsTotalInteger?.value],
    ];
    const hit = counts.filter(([, v]) => v === w.number);
    if (hit.length === 1 && Number.isInteger(amount.value) && amount.value <= 20) {
      const key = hit[0]?.[0];
      if (key)
        return { [key]: { value: amount.value, evidence: evidence(doc, s, e), confidence: 0.8 } };
    }
    return {};
  }
  // No withdrawn figure: a bare amount of the price's order is the price.
  if (price && amount.value >= 100 && amount.value >= price / 3 && amount.value <= price * 3) {
    return {
      ListPrice: { value: amount.value, evidence: evidence(doc, s, amount.end), confidence: 0.7 },
    };
  }
  // "sorry 395" after "$385k": the magnitude left out is the one the price was written with.
  const scale = writtenScale(doc, fields);
  const scaled = amount.value * scale;
  if (price && scale > 1 && !amount.scaled && scaled >= price / 2 && scaled <= price * 2) {
    return {
      ListPrice: { value: scaled, evidence: evidence(doc, s, amount.end), confidence: 0.6 },
    };
  }
  return {};
}

const FIRST_NUMBER = new RegExp(NUMBER, 'u');

/** The magnitude the price was written with: 1,000 for "$385k", a million for "1,45 milhão". */
function writtenScale(doc: Doc, fields: ExtractedFields): number {
  const price = fields.ListPrice;
  const ev = price?.evidence;
  if (!price || !ev) return 1;
  const m = FIRST_NUMBER.exec(doc.folded.slice(ev.start, ev.end));
  const written = m ? parseNumber(m[0]) : null;
  if (!written) return 1;
  for (const factor of [1e3, 1e5, 1e6, 1e7]) {
    if (Math.abs(written * factor - price.value) <= 0.005 * price.value) return factor;
  }
  return 1;
}

function mapEvidence(found: Corrected, doc: Doc, s: number, e: number): Corrected {
  const out: Corrected = {};
  for (const [key, f] of Object.entries(found) as Array<
    [keyof ExtractedFields, ExtractedField<never>]
  >) {
    if (f && !Array.isArray(f)) (out as Record<string, unknown>)[key] = withEvidence(f, doc, s, e);
  }
  return out;
}

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
