import type { Evidence, Language } from '../../domain/listing';

/**
 * Rules match against a folded copy of the agent's text that has exactly the same length as the
 * original, so every match offset is also an offset into the original and evidence spans need
 * no mapping. Folding is one UTF-16 unit for one: lower case, Latin accents dropped, Arabic
 * letter variants unified (أ إ آ → ا, ة → ه, ى → ي), Arabic-Indic and Persian digits made ASCII.
 */

export interface Doc {
  /** The original text, as the agent sent it. */
  raw: string;
  /** Same length as `raw`, see above. */
  folded: string;
  language: Language;
}

const ARABIC_LETTERS: Record<string, string> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ة: 'ه',
  ى: 'ي',
  '٬': ',', // Arabic thousands separator
  '٫': '.', // Arabic decimal separator
  '،': ',', // Arabic comma, also written as a thousands separator ("85،000")
};

const PUNCTUATION: Record<string, string> = {
  '²': '2',
  '³': '3',
  '–': '-',
  '—': '-',
  '‑': '-',
  '’': "'",
  '‘': "'",
  '“': '"',
  '”': '"',
};

/** Emoji variation selectors, zero-width joiners and direction marks: invisible, so spaces. */
const isInvisible = (code: number) =>
  (code >= 0xfe00 && code <= 0xfe0f) || (code >= 0x200b && code <= 0x200f) || code === 0x2060;

function foldUncached(c: string): string {
  const code = c.charCodeAt(0);
  if (isInvisible(code)) return ' ';
  if (code >= 0x0660 && code <= 0x0669) return String.fromCharCode(48 + code - 0x0660);
  if (code >= 0x06f0 && code <= 0x06f9) return String.fromCharCode(48 + code - 0x06f0);
  const mapped = ARABIC_LETTERS[c] ?? PUNCTUATION[c];
  if (mapped !== undefined) return mapped;
  // "É" is "E" + U+0301 once decomposed: keep the base letter, lower-cased, when it is one unit
  // (the decomposition also turns "ؤ" into "و" + hamza, matching agents who skip the hamza).
  const lower = (c.normalize('NFD')[0] ?? c).toLowerCase();
  return lower.length === 1 ? lower : c;
}

const cache = new Map<string, string>();

function foldChar(c: string): string {
  let out = cache.get(c);
  if (out === undefined) {
    out = foldUncached(c);
    cache.set(c, out);
  }
  return out;
}

export function fold(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) out += foldChar(raw.charAt(i));
  return out;
}

export function evidence(doc: Pick<Doc, 'raw'>, start: number, end: number): Evidence {
  return { start, end, text: doc.raw.slice(start, end) };
}

/**
 * Word boundaries for the rules (JavaScript's \b only knows ASCII). Marks are not letters here,
 * so "سنوياً" with its tanween still ends the word "سنويا".
 */
export const WORD_START = String.raw`(?<![\p{L}\p{N}])`;
export const WORD_END = String.raw`(?![\p{L}\p{N}])`;
/** Arabic words take clitics: و (and), ب (with), ل (for), ف (so), and the article ال. */
export const AR_PREFIX = String.raw`(?:[وفبل]{0,2}(?:ال)?)`;

/** Build a global, Unicode, match-indices regex from a source string. */
export function rx(source: string): RegExp {
  return new RegExp(source, 'gud');
}

/** Alternation of literal phrases, longest first so that "sq ft" wins over "sq". */
export function alt(phrases: readonly string[]): string {
  return [...phrases]
    .sort((a, b) => b.length - a.length)
    .map((p) => p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, String.raw`\s*`))
    .join('|');
}
