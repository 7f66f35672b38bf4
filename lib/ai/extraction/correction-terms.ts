import type { ExtractedField, ListingType } from '../../domain/listing';
import type { CurrencyMention } from './currency';
import { namedDeal, type CueMention } from './listing-type';
import { evidence, type Doc } from './text';

/**
 * Corrections that change a word, not a figure: the currency ("USD not MXN", "en dólares",
 * "بالدولار") and the deal ("actually it's for rent, not sale", "es renta no venta", "é para
 * alugar"). Agents send them as a later line of their own, so only lines after the first are
 * read, and only where a correction is plain: the line is a correction clause, withdraws a
 * term ("not sale", "no MXN"), or is a short line with no figure that names only the term.
 * The term a negation withdraws never counts as the new value.
 */

const NEGATION = String.raw`(?:not|no|nao|e\s+nao|مش|مو|وليس|ليس|بدل)`;
/** "not sale", "no venta", "não é venda", "مش للبيع": the withdrawn term and what leads to it. */
const WITHDRAWN_TERM = new RegExp(
  String.raw`(?<![\p{L}])${NEGATION}\s+(?:(?:e|es|is|for|para|a|en|em|in|de)\s+){0,2}[\p{L}$]+`,
  'gu',
);
const HAS_NEGATED_TERM = new RegExp(WITHDRAWN_TERM.source, 'u');
/**
 * Bare deal words that alone say too little in a listing ("renta" may be a yield) but, on a
 * correction line, name the deal: "es renta no venta".
 */
const BARE_DEAL = new RegExp(
  String.raw`(?<![\p{L}])(?:(?<rent>renta|alquiler|arriendo|aluguel|rent|lease)|(?<sale>venta|venda|sale))(?![\p{L}])`,
  'u',
);
/** "بالدولار" and "دولار": the currency marks do not read the Arabic prefixes. */
const ARABIC_DOLLAR = /(?<![\p{L}])(?:بال|بـ?|ال)?دولار(?![\p{L}])/u;
/** A short figure-free line: "en dólares", "USD", "بالدولار", "for rent". */
const SHORT_LINE = 40;

interface Span {
  start: number;
  end: number;
}

/** The lines after the first that may restate a term, with `inClause` marking clause lines. */
function termLines(folded: string, clauses: readonly Span[]): Span[] {
  const out: Span[] = [];
  let start = folded.indexOf('\n');
  while (start !== -1) {
    const end = folded.indexOf('\n', start + 1);
    const line = { start: start + 1, end: end === -1 ? folded.length : end };
    const text = folded.slice(line.start, line.end);
    const inClause = clauses.some((c) => c.start < line.end && c.end > line.start);
    const short = !/\d/.test(text) && text.trim().length <= SHORT_LINE;
    if (inClause || short || HAS_NEGATED_TERM.test(text)) out.push(line);
    start = end;
  }
  return out;
}

/** Offsets of the line covered by withdrawn terms ("not sale"), which name no new value. */
function withdrawnSpans(folded: string, line: Span): Span[] {
  const text = folded.slice(line.start, line.end);
  return [...text.matchAll(WITHDRAWN_TERM)].map((m) => ({
    start: line.start + m.index,
    end: line.start + m.index + m[0].length,
  }));
}

const inside = (s: Span, spans: readonly Span[]) =>
  spans.some((w) => s.start >= w.start && s.end <= w.end);

export interface TermCorrections {
  Currency?: ExtractedField<string>;
  ListingType?: ExtractedField<ListingType>;
}

/** A later line's restated currency and deal, at the line's start. */
export interface TermCorrection extends TermCorrections {
  at: number;
}

/** The currency and deal each later line restates, in the order written. */
export function correctedTerms(
  doc: Doc,
  clauses: readonly Span[],
  currencies: readonly CurrencyMention[],
  cues: readonly CueMention[],
): TermCorrection[] {
  const out: TermCorrection[] = [];
  for (const line of termLines(doc.folded, clauses)) {
    const found: TermCorrection = { at: line.start };
    const withdrawn = withdrawnSpans(doc.folded, line);
    const named = currencies.filter(
      // A bare "$" resolved by the agency's currency restates nothing ("perdón, ahora $295k").
      (c) =>
        c.code && c.explicit && c.start >= line.start && c.end <= line.end && !inside(c, withdrawn),
    );
    // "it's AED 4.4M, I had pasted the USD figure": the code written at the figure is the fix.
    const atFigure = named.filter((c) => besideFigure(doc.folded, c));
    const chosen = new Set(named.map((c) => c.code)).size > 1 ? atFigure : named;
    const codes = new Set(chosen.map((c) => c.code));
    const first = chosen[0] ?? arabicDollar(doc.folded, line, withdrawn);
    if (codes.size <= 1 && first?.code) {
      found.Currency = {
        value: first.code,
        evidence: evidence(doc, first.start, first.end),
        confidence: 0.8,
      };
    }
    const deal = dealIn(doc, line, withdrawn, cues);
    if (deal) found.ListingType = deal;
    if (found.Currency || found.ListingType) out.push(found);
  }
  return out;
}

/** A currency written right before or after digits: "AED 4.4M", "1,650 USD". */
function besideFigure(folded: string, c: Span): boolean {
  return (
    /^[^\S\n]?\d/.test(folded.slice(c.end, c.end + 2)) ||
    /\d[^\S\n]?$/.test(folded.slice(Math.max(0, c.start - 2), c.start))
  );
}

function arabicDollar(folded: string, line: Span, withdrawn: readonly Span[]) {
  const m = ARABIC_DOLLAR.exec(folded.slice(line.start, line.end));
  if (!m) return undefined;
  const span = { start: line.start + m.index, end: line.start + m.index + m[0].length };
  return inside(span, withdrawn) ? undefined : { ...span, code: 'USD', explicit: true };
}

/**
 * The deal the line names outright once its withdrawn terms are set aside. The burst's deal cues
 * were read once; the line's are those inside it and outside what it withdraws.
 */
function dealIn(doc: Doc, line: Span, withdrawn: readonly Span[], cues: readonly CueMention[]) {
  const kept = cues.filter(
    (c) =>
      c.start >= line.start &&
      c.end <= line.end &&
      !withdrawn.some((w) => c.start < w.end && c.end > w.start),
  );
  const type = namedDeal(doc, kept) ?? bareDeal(doc.folded, line, withdrawn);
  if (!type) return undefined;
  // Only the line is read: its evidence is the line's, so no offsets need keeping.
  const ev = evidence(doc, line.start, line.end);
  return { value: type, evidence: ev, confidence: 0.8 } satisfies ExtractedField<ListingType>;
}

/** "es renta no venta": a bare deal word on the line, its withdrawn terms blanked out. */
function bareDeal(folded: string, line: Span, withdrawn: readonly Span[]): ListingType | null {
  const blank = (s: string) => s.replace(/[^\n]/g, ' ');
  let kept = folded.slice(line.start, line.end);
  for (const w of withdrawn) {
    const a = w.start - line.start;
    const b = w.end - line.start;
    kept = kept.slice(0, a) + blank(kept.slice(a, b)) + kept.slice(b);
  }
  const bare = BARE_DEAL.exec(kept)?.groups;
  return bare?.rent ? 'rent' : bare?.sale ? 'sale' : null;
}
