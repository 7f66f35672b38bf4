import type { Language } from '../../domain/listing';
import { alt, WORD_END, WORD_START } from './text';

/**
 * Numbers as agents write them: both separator conventions ("1,250,000" and "1.250.000",
 * "116.90" and "116,90"), magnitude words ("850k", "$1.2M", "450 millones", "1.5 cr", "3 lakh",
 * "٨٠ الف"), and small counts spelled out ("two", "tres", "duas", "ثلاث"). Everything runs on
 * the folded text, where Arabic-Indic digits are already ASCII.
 */

/**
 * A digit run. Grouped thousands repeat one separator with exactly three digits per group, and
 * the decimal mark is then the other one; a lone separator followed by one, two or four-plus
 * digits is a decimal point ("116.90", "1,5"). Ordinals ("4to", "3rd") are not numbers. Spaces
 * group thousands in two or more groups ("1 250 000"); one group ("420 000") only beside a
 * currency, since "3 200" alone is as often two counts. Québec writes the dollar after the
 * figure ("549 000 $", "1 850 $/mois").
 */
const GROUPED = String.raw`[1-9]\d{0,2}(?:(?:,\d{3})+(?:\.\d{1,2})?|(?:\.\d{3})+(?:,\d{1,2})?|(?:'\d{3})+(?:[.,]\d{1,2})?|(?:[\u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?|(?: \d{3}){2,}(?![^\S\n]\d)|(?<=(?:[$€£₹₦]|r\$)[^\S\n]?[1-9]\d{0,2}) \d{3}(?![^\S\n]?\d)| \d{3}(?=[^\S\n]?(?:[€£₹₦$]|eur|usd|cad|gbp|aed|sar|egp|kes|ngn|inr)(?![a-z])))(?![.,]?\d)`;
const PLAIN = String.raw`\d+(?:[.,]\d+)?`;
const ORDINAL_SUFFIX = String.raw`(?:st|nd|rd|th|er|do|to|o|a|ro)${WORD_END}`;
export const NUMBER = String.raw`(?<!\d|\d[.,])(?:${GROUPED}|${PLAIN})(?!\d|[.,]\d|${ORDINAL_SUFFIX})`;

export function parseNumber(token: string): number | null {
  const grouped =
    /^([1-9]\d{0,2}(?:([,.' \u00a0\u202f])\d{3})(?:\2\d{3})*)(?:[.,](\d{1,2}))?$/.exec(token);
  if (grouped) {
    const intPart = (grouped[1] ?? '').split(grouped[2] ?? '').join('');
    const value = Number(grouped[3] === undefined ? intPart : `${intPart}.${grouped[3]}`);
    return Number.isFinite(value) ? value : null;
  }
  const value = Number(token.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

interface Magnitude {
  words: readonly string[];
  factor: number;
}

/** Words that multiply the number before them. "m" is handled apart: it is also metres. */
const MAGNITUDES: readonly Magnitude[] = [
  // "hazar" (Urdu, in Roman script): "65 hazar monthly".
  { words: ['k', 'mil', 'thousand', 'hazar', 'hazaar', 'الف', 'الاف', 'الالف'], factor: 1e3 },
  { words: ['lakh', 'lakhs', 'lac', 'lacs'], factor: 1e5 },
  {
    words: [
      'mm',
      'mn',
      'mdp',
      'mill',
      'million',
      'millions',
      'millon',
      'millones',
      'milhao',
      'milhoes',
      'mio',
      'مليون',
      'ملايين',
    ],
    factor: 1e6,
  },
  { words: ['cr', 'crore', 'crores'], factor: 1e7 },
  {
    words: ['bn', 'billion', 'billon', 'billones', 'mil millones', 'bilhao', 'bilhoes'],
    factor: 1e9,
  },
];

const MAGNITUDE_BY_WORD = new Map<string, number>(
  MAGNITUDES.flatMap((m) => m.words.map((w) => [w, m.factor] as const)),
);

/** Matches right after a number: optional space, then a magnitude word. */
const MAGNITUDE = String.raw`\s{0,2}(?:${alt(MAGNITUDES.flatMap((m) => m.words))})${WORD_END}`;
const MAGNITUDE_AT_START = new RegExp(`^${MAGNITUDE}`, 'u');

function magnitudeOf(word: string): number | undefined {
  return MAGNITUDE_BY_WORD.get(word.trim().replace(/\s+/g, ' '));
}

export interface Amount {
  value: number;
  start: number;
  end: number;
  /** True when a magnitude word ("millones", "k", "الف") was part of the amount. */
  scaled: boolean;
}

/** Amounts written as a word alone: "بسعر مليون ريال", "مليونين". */
const SPELLED_AMOUNTS: Record<string, number> = { مليون: 1e6, مليونين: 2e6, مليونان: 2e6 };

/** A number in digits, or an amount spelled as one word; what `readAmount` starts from. */
export const AMOUNT_START = String.raw`${NUMBER}|${WORD_START}(?:${alt(Object.keys(SPELLED_AMOUNTS))})${WORD_END}`;

/**
 * "... y 341 mil", "... و٢٠٠ الف" after a number of millions; "... ونص", "... e meio",
 * "... y medio", "... and a half" are half a million.
 */
const MILLIONS_TAIL =
  /^\s*(?:(?:y|e|and|,|و)?\s*(\d{1,3})\s?(?:mil|الف)|و\s?(?:(?<units>ثلاث|تلت|اربع|خمس|ست|سبع|ثمان|تمن|تسع)\s?)?(?<hundred>ميه|مايه|ميتين|مايتين)\s?الف|و\s?نص(?:ف)?|(?:e\s+meio|y\s+medio|and\s+a\s+half))(?![\p{L}])/u;

/** "وستمية ألف", "وميتين ألف": Arabic hundreds of thousands spelled out after the millions. */
const ARABIC_UNITS: Record<string, number> = {
  ثلاث: 3,
  تلت: 3,
  اربع: 4,
  خمس: 5,
  ست: 6,
  سبع: 7,
  ثمان: 8,
  تمن: 8,
  تسع: 9,
};

function millionsTail(tail: RegExpExecArray): number {
  if (tail[1]) return Number(tail[1]) * 1e3;
  const hundred = tail.groups?.hundred;
  if (!hundred) return 0.5e6;
  const units = hundred.endsWith('ين') ? 2 : (ARABIC_UNITS[tail.groups?.units ?? ''] ?? 1);
  return units * 1e5;
}
/** "3 crore 10 lakh", "1 cr 25 lac": lakhs added to a number of crores. */
const CRORES_TAIL =
  /^\s*(?:and\s+|,\s*)?(\d{1,2}(?:\.\d{1,2})?)\s?(?:lakhs?|lacs?|l)(?![\p{L}\d])/u;

/** What may follow an amount of a magnitude and add to it, by the magnitude's factor. */
const TAILS = new Map<
  number,
  { pattern: RegExp; window: number; added: (tail: RegExpExecArray) => number }
>([
  [1e6, { pattern: MILLIONS_TAIL, window: 24, added: millionsTail }],
  [1e7, { pattern: CRORES_TAIL, window: 16, added: (tail) => Number(tail[1]) * 1e5 }],
]);

function withTail(folded: string, factor: number, value: number, stop: number): [number, number] {
  const rule = TAILS.get(factor);
  const tail = rule?.pattern.exec(folded.slice(stop, stop + rule.window));
  if (!rule || !tail) return [value, stop];
  return [value + rule.added(tail), stop + tail[0].length];
}

/**
 * Reads the amount that starts with the digits (or the spelled amount) at [start, end) in
 * `folded`, extending over a magnitude word that follows, over "and N thousand" after
 * millions ("1 millón 341 mil", "مليون و٢٠٠ ألف") and over lakhs after crores.
 */
export function readAmount(
  folded: string,
  start: number,
  end: number,
  opts: { moneyContext: boolean; pointIsDecimal?: boolean },
): Amount | null {
  const spelled = SPELLED_AMOUNTS[folded.slice(start, end)];
  if (spelled) {
    const [value, stop] = withTail(folded, 1e6, spelled, end);
    return { value, start, end: stop, scaled: true };
  }
  const token = folded.slice(start, end);
  const base = parseNumber(token);
  if (base === null) return null;
  const rest = folded.slice(end, end + 24);
  const magnitude = MAGNITUDE_AT_START.exec(rest);
  if (magnitude) {
    let factor = magnitudeOf(magnitude[0]) ?? 1;
    const decimal =
      factor === 1e6 && opts.pointIsDecimal && DECIMAL_BEFORE.test(magnitude[0])
        ? asDecimal(token)
        : null;
    if (decimal !== null) {
      const stop = end + magnitude[0].length;
      return { value: round(decimal * 1e6), start, end: stop, scaled: true };
    }
    // "40.000 الف": the thousands are already written out.
    if (factor === 1e3 && base >= 1000 && /[\u0600-\u06ff]/.test(magnitude[0])) factor = 1;
    const [value, stop] = withTail(folded, factor, base * factor, end + magnitude[0].length);
    return { value: round(value), start, end: stop, scaled: true };
  }
  // "$1.2M", "Valor 610M": after a currency or a price word, M means million; elsewhere
  // ("Área 107M", "300m") it is metres.
  const m = /^\s?mi?(?![\p{L}\d])/u.exec(rest);
  // "1,2 mi" (Brazil): a decimal comma before "mi" is millions even with no currency, since
  // miles and metres are not written with a decimal comma and a count of one.
  const brazilian = /^\s?mi\.?(?![\p{L}\d])/u.test(rest) && /^\d{1,3},\d{1,2}$/.test(token);
  if (m && (opts.moneyContext || brazilian)) {
    const millions = (brazilian || opts.pointIsDecimal ? asDecimal(token) : null) ?? base;
    return { value: round(millions * 1e6), start, end: end + m[0].length, scaled: true };
  }
  // "Rs 3.5 L": a lakh, in the same money context (alone, "L" may be litres or a size).
  const lakh = /^\s?l(?![\p{L}\d])/u.exec(rest);
  if (lakh && opts.moneyContext) {
    return { value: round(base * 1e5), start, end: end + lakh[0].length, scaled: true };
  }
  return { value: base, start, end, scaled: false };
}

/**
 * Short million marks in English ("$1.295M", "US$ 2.450 mn"): the point before three digits is
 * a decimal point (`pointIsDecimal`), since no one writes a house at 1,295 million dollars this
 * way. In Spanish or Portuguese "$1.250M" and "1.250 millones" stay thousands of millions: that
 * is how a Colombian price reads.
 */
const DECIMAL_BEFORE = /^\s*(?:mn|mio|million|millions|mdp)$/u;

/** "1.295" (or Brazil's "1,2") read as a decimal; null for any other token. */
function asDecimal(token: string): number | null {
  const m = /^(\d{1,3})[.,](\d{1,3})$/.exec(token);
  return m ? Number(`${m[1]}.${m[2]}`) : null;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Small counts written as words, by language. "dos" is Spanish only: in Portuguese it is "of the". */
const COUNT_WORDS: Record<Language, Record<string, number>> = {
  en: {
    one: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
    ten: 10,
  },
  es: {
    un: 1,
    una: 1,
    uno: 1,
    dos: 2,
    tres: 3,
    cuatro: 4,
    cinco: 5,
    seis: 6,
    siete: 7,
    ocho: 8,
    nueve: 9,
    diez: 10,
  },
  pt: {
    um: 1,
    uma: 1,
    dois: 2,
    duas: 2,
    tres: 3,
    quatro: 4,
    cinco: 5,
    seis: 6,
    sete: 7,
    oito: 8,
    nove: 9,
    dez: 10,
  },
  ar: {
    واحد: 1,
    واحده: 1,
    اثنين: 2,
    اثنان: 2,
    اثنتين: 2,
    اثنتان: 2,
    ثنتين: 2,
    ثلاث: 3,
    ثلاثه: 3,
    اربع: 4,
    اربعه: 4,
    خمس: 5,
    خمسه: 5,
    ست: 6,
    سته: 6,
    سبع: 7,
    سبعه: 7,
    ثمان: 8,
    ثماني: 8,
    ثمانيه: 8,
    تسع: 9,
    تسعه: 9,
    عشر: 10,
    عشره: 10,
  },
};

const countWordsCache = new Map<Language, Record<string, number>>();

/** The count words a text may use: its own language's, plus English, which agents mix in. */
export function countWords(language: Language): Record<string, number> {
  let words = countWordsCache.get(language);
  if (!words) {
    words = language === 'en' ? COUNT_WORDS.en : { ...COUNT_WORDS.en, ...COUNT_WORDS[language] };
    countWordsCache.set(language, words);
  }
  return words;
}

const countPatternCache = new Map<Language, string>();
const AND_A_HALF = String.raw`\s+(?:and\s+a\s+half|y\s+medio|e\s+meio)`;
const ENDS_WITH_HALF = new RegExp(`${AND_A_HALF}$`);

/**
 * Regex source of a count: digits or a count word of the language. Arabic count words may
 * carry the "and" clitic ("وثلاث غرف").
 */
export function countPattern(language: Language): string {
  let source = countPatternCache.get(language);
  if (source === undefined) {
    const words = alt(Object.keys(countWords(language)));
    const digits = String.raw`(?<!\d|\d[.,]|[a-z]|\d/|\d\s?[x×*]\s?)\d{1,2}(?:\s?½|\s1/2|[.,]5)?\+?(?![\d]|[.,]\d|/\d|\s?[x×*]\s?\d)`;
    const word = String.raw`${WORD_START}(?:و)?(?:${words})${WORD_END}`;
    source = String.raw`(?:${digits}|${word})(?:${AND_A_HALF})?`;
    countPatternCache.set(language, source);
  }
  return source;
}

/** The value of a count matched by `countPattern` ("3", "2.5", "1 1/2", "2+", "three", "وثلاث"). */
export function parseCount(token: string, language: Language): number | null {
  const half = ENDS_WITH_HALF.test(token) ? 0.5 : 0;
  const t = token.replace(ENDS_WITH_HALF, '').trim().replace(/\+$/, '');
  const fraction = /^(\d{1,2})(?:\s1\/2|\s?½)$/.exec(t);
  if (fraction) return Number(fraction[1]) + 0.5;
  const words = countWords(language);
  const whole = /^\d/.test(t) ? parseNumber(t) : (words[t] ?? words[t.replace(/^و/, '')] ?? null);
  return whole === null ? null : whole + half;
}
