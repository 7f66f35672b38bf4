import type { ExtractedField, ExtractedFields } from '../../domain/listing';
import { extractArea } from './area';
import { lineEnd, type Clause, type Withdrawn } from './correction-clauses';
import { NUMBER, parseNumber, readAmount } from './numbers';
import { extractRooms } from './rooms';
import { spelledAmounts } from './spelled-numbers';
import { evidence, fold, WORD_END, type Doc } from './text';

/**
 * A correction whose figure names no field ("perdón, son 24,000", "sorry 395", "مش 12"): the
 * withdrawn figure, or the size of the figure next to the field stated before, says which
 * field it corrects. When nothing does, nothing is corrected.
 */

export type Corrected = Partial<ExtractedFields>;

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

/**
 * "sorry, 285m not 250m" after "N250m": the figure withdrawn is the price as written, with its
 * magnitude, so the clause's figure is a price even where its "m" reads as metres.
 */
export function withdrawsPrice(clause: Clause, fields: ExtractedFields): boolean {
  const price = fields.ListPrice?.value;
  if (price === undefined) return false;
  return clause.withdrawn.some(
    (w) => !w.noun && w.amount !== w.number && Math.abs(w.amount - price) <= 0.005 * price,
  );
}

/** What the withdrawn figure, or the bare figure's size, says the clause corrects. */
export function byReference(
  doc: Doc,
  masked: Doc,
  clause: Clause,
  fields: ExtractedFields,
): Corrected {
  const figure = statedFigure(masked, clause);
  if (!figure)
    return (
      spelledPrice(doc, masked, clause, fields) ??
      ordinalBedroom(doc, masked.folded, clause, fields)
    );
  const s = figure.start;
  const e = figure.end;
  if (figure.t) {
    const n = Number(figure.text);
    return {
      BedroomsTotal: { value: n, evidence: evidence(doc, s - 1, e), confidence: 0.8 },
    };
  }
  const rooms = roomsByForm(doc, masked.folded, fields, s, e);
  if (rooms) return rooms;
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
    // Rounded: 4.1 × 1e6 is 4099999.9999999995 in floating point.
    const value = amount.scaled ? amount.value : Math.round(amount.value * factor * 100) / 100;
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
  const scaled = Math.round(amount.value * scale * 100) / 100;
  if (price && scale > 1 && !amount.scaled && scaled >= price / 2 && scaled <= price * 2) {
    return {
      ListPrice: { value: scaled, evidence: evidence(doc, s, amount.end), confidence: 0.6 },
    };
  }
  return {};
}

/**
 * "perdón, mil ciento cincuenta millones", "تصحيح: مليونين وستمية ألف": a fix spelled out in
 * words, with no currency or price word of its own, is the price when it is of the price's order.
 */
function spelledPrice(
  doc: Doc,
  masked: Doc,
  clause: Clause,
  fields: ExtractedFields,
): Corrected | undefined {
  const price = fields.ListPrice?.value;
  if (!price) return undefined;
  const amount = spelledAmounts(masked.folded).find(
    (a) => a.start >= clause.start && a.end <= clause.end,
  );
  if (!amount || amount.value < price / 3 || amount.value > price * 3) return undefined;
  const ev = evidence(doc, amount.start, amount.end);
  return { ListPrice: { value: amount.value, evidence: ev, confidence: 0.7 } };
}

/** "2D*" after "3D 2B": a count with the letter the burst's D/B pair used for it. */
const SHORTHAND_LETTER = /^[^\S\n]?(?<letter>[db])(?![\p{L}\p{N}])/u;
const D_B_PAIR = /\d\s?d\.?\s*[+/,-]?\s*\d\s?b/;
/** "it counts as a 4th bed", "vira o 4º quarto": an ordinal bedroom. */
const ORDINAL_BED =
  /(?<![\p{L}\p{N}])(?<n>[1-9])(?:st|nd|rd|th|º|ª)[^\S\n]+(?:bed(?:room)?|quarto|dormitorio|habitacion|recamara)s?(?![\p{L}])/u;

/**
 * A bedroom count named by its form rather than a noun: the D/B shorthand's letter alone
 * ("2D*"), trusted only when the burst stated the rooms as such a pair.
 */
function roomsByForm(
  doc: Doc,
  folded: string,
  fields: ExtractedFields,
  s: number,
  e: number,
): Corrected | undefined {
  const n = Number(folded.slice(s, e));
  if (!Number.isInteger(n) || n < 1 || n > 20) return undefined;
  const letter = SHORTHAND_LETTER.exec(folded.slice(e, e + 3))?.groups?.letter;
  if (letter) {
    const key = letter === 'd' ? 'BedroomsTotal' : 'BathroomsTotalInteger';
    const ev = fields[key]?.evidence;
    if (!ev || !D_B_PAIR.test(doc.folded.slice(ev.start, ev.end))) return {};
    return { [key]: { value: n, evidence: evidence(doc, s, e + 1), confidence: 0.7 } };
  }
  return undefined;
}

/**
 * "the loft counts as a 4th bed": an ordinal bedroom (the clause's figures are ordinals only)
 * that outnumbers the bedrooms stated is the new count; one within them names a room.
 */
function ordinalBedroom(doc: Doc, folded: string, clause: Clause, fields: ExtractedFields) {
  const m = ORDINAL_BED.exec(folded.slice(clause.start, clause.end));
  const n = Number(m?.groups?.n);
  const beds = fields.BedroomsTotal?.value;
  if (!m || beds === undefined || n <= beds) return {};
  const s = clause.start + m.index;
  const ev = evidence(doc, s, s + m[0].length);
  return { BedroomsTotal: { value: n, evidence: ev, confidence: 0.6 } };
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
