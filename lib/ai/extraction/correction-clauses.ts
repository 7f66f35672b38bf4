import { CHANGE_TO, MARKER, NEGOTIATION, RETRACTION, TAKE_BACK } from './correction-markers';
import { NUMBER, parseNumber, readAmount } from './numbers';
import { restatedLines } from './restatements';
import { isNumberWord } from './spelled-numbers';
import { WORD_END, WORD_START, type Doc } from './text';

/**
 * Where a burst corrects itself: the clauses a correction word opens ("sorry, 621k"), the lines
 * shaped as a fix ("*3 baths", "not 1.85, it's 1.95M"), a label stated twice ("Price:" again),
 * "X not Y", and the later lines that restate a field with no word at all (restatements.ts).
 * Each clause keeps the figures it withdraws ("not 612k"), which name what it corrects.
 */

const MAGNITUDE_WORD = String.raw`(?:k|mdp|mil|mi|mm|m|millones|millon|milhoes|milhao|lakhs?|lacs?|cr|crores?|الف|مليون)`;
/** A figure as it is withdrawn: "612k", "$3.8", "3 baños", "T4", "3". */
const FIGURE = String.raw`(?:t(?<t>\d)|(?:[$€£]|r\$|us\$)?\s?(?<n>${NUMBER})(?:\s?${MAGNITUDE_WORD}${WORD_END})?(?:[^\S\n]+(?<noun>[\p{L}]{2,}(?:\s+(?:نوم|مياه))?))?)`;
const NEGATION = String.raw`(?:not|instead\s+of|rather\s+than|no\s+(?:es|son|era|eran)|nao\s+(?:e|sao|era)|e\s+nao|nao|no|مش|مو|مب|وليس|ليس|بدل|مو\s+هو)`;
const WITHDRAWN = new RegExp(String.raw`${WORD_START}${NEGATION}\s+${FIGURE}`, 'gud');
/**
 * A line that is a correction by its shape: WhatsApp's "*3 baths" (an asterisk before a figure,
 * not bold: no closing asterisk) or "5.3*", "R$ 6.900*", "2D*" (the asterisk after it), or a
 * line that opens by withdrawing ("not 1.85, it's 1.95M") or by saying no ("no, 2D2B").
 */
const SHAPED_LINE = new RegExp(
  String.raw`(?<=^|\n)[^\S\n]*(?:\*[^\S\n]?(?:t\d|(?:r\$|us\$|[$€£])?[^\S\n]?\d)[^*\n]*$|(?:r\$|us\$|[$€£])?[^\S\n]?\d[\d.,]*[^\S\n]?\p{L}{0,3}\*(?![\p{L}\p{N}*])|(?:not|no|nao|مش)\s+[$€£]?\d|(?:no|nao|لا)[,.!]\s*(?:r\$|[$€£])?\s?\d)`,
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

export interface Withdrawn {
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
  /**
   * "no wait, 3 was right": the fix before is withdrawn. `at` is where the retraction's words
   * end, so that only what follows them ("ignore that, 5 beds") is read as a new statement;
   * `figure` is the one it names as right ("3"), when it names one.
   */
  retraction?: { at: number; figure?: number };
}

export function lineEnd(folded: string, from: number): number {
  const i = folded.indexOf('\n', from);
  return i === -1 ? folded.length : i;
}

function lineClause(folded: string, at: number): { start: number; end: number } {
  return { start: at, end: lineEnd(folded, at) };
}

/** The correction clauses of a text, in the order written. */
export function correctionClauses(folded: string): Clause[] {
  const found: Array<{ start: number; end: number }> = [];
  const firstBreak = folded.indexOf('\n');
  const later = (at: number) => firstBreak !== -1 && at > firstBreak;
  for (const m of folded.matchAll(MARKER)) found.push(markerClause(folded, m.index));
  // A changed figure without a correction word ("now $420k") is a later message by nature.
  for (const m of folded.matchAll(CHANGE_TO)) {
    if (later(m.index)) found.push(markerClause(folded, m.index));
  }
  for (const m of folded.matchAll(TAKE_BACK)) {
    // The clause opens after the words: their "no" withdraws nothing ("no no 3 bhk" states 3).
    const at = m.index + m[0].length;
    if (takesBack(folded, m.index, m.groups?.next ?? '')) found.push(markerClause(folded, at));
  }
  // A retraction covers its line: "no no, olvidad eso, 1.950.000 es correcto".
  const retractions: Array<{ start: number; end: number }> = [];
  for (const m of folded.matchAll(RETRACTION)) {
    if (later(m.index) && retracts(folded, m.index)) {
      retractions.push(lineClause(folded, lineStartOf(folded, m.index)));
    }
  }
  found.push(...retractions);
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
  // "perdón, USD no MXN" reaching onto the next line stops short of a retraction there.
  for (const c of found) {
    const cut = retractions.find((r) => r.start > c.start && r.start < c.end);
    if (cut) c.end = cut.start - 1;
  }
  found.sort((a, b) => a.start - b.start);
  // A line can be a clause twice over ("*sorry, 3 baths"): the first reading covers it.
  const distinct = found.filter((c, i) => !found.slice(0, i).some((p) => c.start < p.end));
  const negotiates = folded.search(NEGOTIATION) !== -1;
  const marked: Clause[] = distinct.map(({ start, end }) => {
    const c = { start, end: negotiates ? beforeNegotiation(folded, start, end) : end };
    const retraction = retractions.length ? retractionIn(folded, c.start, c.end) : undefined;
    return {
      ...c,
      withdrawn: withdrawnIn(folded, c.start, c.end),
      ...(retraction ? { retraction } : {}),
    };
  });
  const restated = restatedLines(folded, distinct).map((l) => ({
    ...l,
    withdrawn: [],
    restated: true,
  }));
  return [...marked, ...restated].sort((a, b) => a.start - b.start);
}

/** "4 bhk no no 3 bhk": a figure stands just before the words and another follows them. */
function takesBack(folded: string, at: number, next: string): boolean {
  if (!/^(?:[$€£]|r\$|\d)/.test(next) && !isNumberWord(next)) return false;
  const before = folded.slice(lineStartOf(folded, at), at).split(/[^\p{L}\p{N}]+/u);
  return before
    .filter(Boolean)
    .slice(-2)
    .some((w) => /^\d/.test(w) || isNumberWord(w));
}

/** The clause up to "negotiable", "acepta ofertas": what follows is no asking price. */
export function beforeNegotiation(folded: string, start: number, end: number): number {
  const m = NEGOTIATION.exec(folded.slice(start, end));
  return m ? start + m.index : end;
}

/** The end of the last retraction in [start, end), and the figure it names as the right one. */
function retractionIn(
  folded: string,
  start: number,
  end: number,
): { at: number; figure?: number } | undefined {
  let found: { at: number; figure?: number } | undefined;
  for (const m of folded.slice(start, end).matchAll(RETRACTION)) {
    const from = start + m.index;
    if (!retracts(folded, from)) continue;
    const named = NAMED_FIGURE.exec(folded.slice(lineStartOf(folded, from), from));
    const digits = FIGURE_DIGITS.exec(named?.[0] ?? m[0])?.[0];
    const figure = digits ? parseNumber(digits) : null;
    found = { at: from + m[0].length, ...(figure !== null ? { figure } : {}) };
  }
  return found;
}

const lineStartOf = (folded: string, at: number) => folded.lastIndexOf('\n', at - 1) + 1;

/** The figure a retraction names as the right one: "3" in "3 was right", "5 beds" in "5 beds". */
const NAMED_FIGURE = /\d\S*(?:[^\S\n]+\p{L}+)?[^\S\n]*$/u;
const FIGURE_DIGITS = new RegExp(String.raw`^${NUMBER}`, 'u');

/**
 * "typo: 500 sq yd, 1.1 crore is right" fixes the size and confirms the price: a line that
 * states another figure before the words withdraws nothing.
 */
function retracts(folded: string, at: number): boolean {
  return !/\d/.test(folded.slice(lineStartOf(folded, at), at).replace(NAMED_FIGURE, ''));
}

/** A correction word this close to its line's end closes the line ("..., el precio final"). */
const CLOSING_REACH = 24;

/** A figure and the separator after it: "3 bed - sorry 4 bed, 2 bath" fixes only "4 bed". */
const FIGURE_THEN_SEPARATOR = /(?:^|[^\p{L}])(?:t\d|\d)[^;\n]*?(?=\s-\s|;|,(?!\d))/u;

/**
 * The clause a correction word opens: the rest of its line; the next line too when the word
 * stands alone ("sorry!"). Mid-line, after a figure ("3 bed - sorry 4 bed, 2 bath"), only up to
 * the separator after the first figure, so that the rest of the line stays a first statement.
 */
function markerClause(folded: string, at: number): { start: number; end: number } {
  let end = lineEnd(folded, at);
  const lineStart = folded.lastIndexOf('\n', at - 1) + 1;
  if (!/\d|(?:^|\s)t\d/.test(folded.slice(at, end))) {
    // "no, UF 9.650, ahora sí el precio final": the word closes a later line that states the fix.
    if (lineStart > 0 && end - at <= CLOSING_REACH && /\d/.test(folded.slice(lineStart, at))) {
      return { start: lineStart, end };
    }
    if (end < folded.length) return { start: at, end: lineEnd(folded, end + 1) };
  }
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
export function keepOnly(doc: Doc, clause: Clause): Doc {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  let folded =
    blank(doc.folded.slice(0, clause.start)) + doc.folded.slice(clause.start, clause.end);
  folded += blank(doc.folded.slice(clause.end));
  for (const w of clause.withdrawn) {
    folded = folded.slice(0, w.start) + blank(folded.slice(w.start, w.end)) + folded.slice(w.end);
  }
  return { ...doc, folded };
}
