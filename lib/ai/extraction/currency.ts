import type { Language } from '../../domain/listing';
import { alt, rx, WORD_END, WORD_START } from './text';

/**
 * Currency mentions: ISO codes, symbols and local names. Some marks are shared between
 * currencies ("$" is the dollar and the Latin-American peso, "ريال" the Saudi and the Qatari
 * riyal); those resolve to the agency's default currency when it is one of them, else to the
 * most common reading, or to nothing when there is none.
 */

export interface CurrencyMention {
  /** ISO 4217 code, or null when the mark is ambiguous and nothing resolves it. */
  code: string | null;
  start: number;
  end: number;
  /** An ISO code or a mark only one currency uses. */
  explicit: boolean;
}

interface Mark {
  code: string;
  /** Currencies that share the mark; the default currency wins when it is among them. */
  shared?: readonly string[];
  /** Whether the mark alone, without a default, is enough to name `code`. */
  fallback?: 'always' | 'english-only' | 'never';
}

const DOLLAR_SIGN = [
  'USD',
  'CAD',
  'AUD',
  'NZD',
  'SGD',
  'HKD',
  'MXN',
  'COP',
  'ARS',
  'CLP',
  'UYU',
  'DOP',
];
const PESO = ['COP', 'MXN', 'ARS', 'CLP', 'UYU', 'DOP', 'PHP'];
const RIYAL = ['SAR', 'QAR', 'OMR', 'YER'];
const DIRHAM = ['AED', 'MAD'];
const RUPEE = ['INR', 'PKR', 'LKR', 'NPR'];
const DINAR = ['KWD', 'JOD', 'BHD', 'IQD', 'LYD', 'TND'];

/** Words and codes, matched on word boundaries (folded text). */
const WORD_MARKS: Record<string, Mark> = {
  usd: { code: 'USD' },
  dollars: { code: 'USD', shared: DOLLAR_SIGN },
  dollar: { code: 'USD', shared: DOLLAR_SIGN },
  dolares: { code: 'USD' },
  dolar: { code: 'USD' },
  eur: { code: 'EUR' },
  euro: { code: 'EUR' },
  euros: { code: 'EUR' },
  gbp: { code: 'GBP' },
  brl: { code: 'BRL' },
  reais: { code: 'BRL' },
  cop: { code: 'COP' },
  'pesos colombianos': { code: 'COP' },
  mxn: { code: 'MXN' },
  ars: { code: 'ARS' },
  clp: { code: 'CLP' },
  pesos: { code: 'COP', shared: PESO, fallback: 'never' },
  peso: { code: 'COP', shared: PESO, fallback: 'never' },
  kes: { code: 'KES' },
  ksh: { code: 'KES' },
  kshs: { code: 'KES' },
  sar: { code: 'SAR' },
  riyal: { code: 'SAR', shared: RIYAL },
  riyals: { code: 'SAR', shared: RIYAL },
  ريال: { code: 'SAR', shared: RIYAL },
  'ر.س': { code: 'SAR' },
  qar: { code: 'QAR' },
  qr: { code: 'QAR' },
  'ريال قطري': { code: 'QAR' },
  'ر.ق': { code: 'QAR' },
  // The unidad de fomento, Chile's inflation-indexed unit, in which houses are priced there.
  uf: { code: 'CLF' },
  aed: { code: 'AED' },
  dhs: { code: 'AED', shared: DIRHAM },
  dirham: { code: 'AED', shared: DIRHAM },
  dirhams: { code: 'AED', shared: DIRHAM },
  درهم: { code: 'AED', shared: DIRHAM },
  // Morocco writes its dirham "DH"; the Emirates write "Dhs" or "AED".
  dh: { code: 'MAD', shared: DIRHAM },
  'درهم مغربي': { code: 'MAD' },
  inr: { code: 'INR' },
  rs: { code: 'INR', shared: RUPEE },
  rupees: { code: 'INR', shared: RUPEE },
  egp: { code: 'EGP' },
  kwd: { code: 'KWD' },
  kd: { code: 'KWD' },
  jod: { code: 'JOD' },
  jd: { code: 'JOD' },
  bhd: { code: 'BHD' },
  pkr: { code: 'PKR' },
  dinar: { code: 'KWD', shared: DINAR, fallback: 'never' },
  dinars: { code: 'KWD', shared: DINAR, fallback: 'never' },
  دينار: { code: 'KWD', shared: DINAR, fallback: 'never' },
  'د.ك': { code: 'KWD' },
  'د.ا': { code: 'JOD' },
  جنيه: { code: 'EGP' },
  'ج.م': { code: 'EGP' },
  'جنيه مصري': { code: 'EGP' },
  ngn: { code: 'NGN' },
  zar: { code: 'ZAR' },
  ugx: { code: 'UGX' },
  tzs: { code: 'TZS' },
};

/** Symbols, matched anywhere except inside a word ("us$" before "$"). */
const SYMBOL_MARKS: Record<string, Mark> = {
  us$: { code: 'USD' },
  u$s: { code: 'USD' },
  r$: { code: 'BRL' },
  col$: { code: 'COP' },
  mx$: { code: 'MXN' },
  ca$: { code: 'CAD' },
  c$: { code: 'CAD' },
  a$: { code: 'AUD' },
  $: { code: 'USD', shared: DOLLAR_SIGN, fallback: 'english-only' },
  '€': { code: 'EUR' },
  '£': { code: 'GBP' },
  '₹': { code: 'INR' },
  '₦': { code: 'NGN' },
  '﷼': { code: 'SAR', shared: RIYAL },
};

/** "N85m", "N12m per annum": the naira, written as a plain N; only where the market says so. */
const NAIRA_N: Mark = { code: 'NGN', shared: ['NGN'], fallback: 'never' };
/** "R2.45m", "R18,500 pm": the rand, written as a plain R; likewise only where the market says so. */
const RAND_R: Mark = { code: 'ZAR', shared: ['ZAR'], fallback: 'never' };

const PATTERN = rx(
  String.raw`(?<![a-z])(?:${alt(Object.keys(SYMBOL_MARKS))})|(?<![\p{L}\d])[nr](?=\d)|${WORD_START}(?:${alt(Object.keys(WORD_MARKS))})\.?${WORD_END}`,
);

function resolve(
  mark: Mark,
  language: Language,
  defaultCurrency?: string,
  marketCurrency?: string,
): string | null {
  if (!mark.shared) return mark.code;
  if (defaultCurrency && mark.shared.includes(defaultCurrency)) return defaultCurrency;
  // "$" in a text about Sydney is the Australian dollar, whatever the agency's default.
  if (marketCurrency && mark.shared.includes(marketCurrency)) return marketCurrency;
  const fallback = mark.fallback ?? 'always';
  if (fallback === 'always') return mark.code;
  if (fallback === 'english-only' && language === 'en') return mark.code;
  return null;
}

export function findCurrencies(
  folded: string,
  language: Language,
  defaultCurrency?: string,
  marketCurrency?: string,
): CurrencyMention[] {
  const mentions: CurrencyMention[] = [];
  const sharedMarks = new Map<number, Mark>();
  for (const match of folded.matchAll(PATTERN)) {
    const token = match[0].replace(/\.$/, '');
    const mark =
      token === 'n' ? NAIRA_N : token === 'r' ? RAND_R : (SYMBOL_MARKS[token] ?? WORD_MARKS[token]);
    if (!mark) continue;
    const code = resolve(mark, language, defaultCurrency, marketCurrency);
    // A letter that no market makes a currency is a letter: "zoned R2", "N1 highway".
    if (code === null && (mark === NAIRA_N || mark === RAND_R)) continue;
    mentions.push({
      code,
      start: match.index,
      end: match.index + token.length,
      explicit: !mark.shared,
    });
    sharedMarks.set(mentions.length - 1, mark);
  }
  return namedAfterAmount(folded, mentions, sharedMarks);
}

/** The amount between a symbol and the code that follows it: "$310k USD", "$2,200 USD/mo". */
const AMOUNT_BETWEEN = /^\s?\d[\d.,]*\s?(?:k|m|mm|mil|mdp|millones|million)?\s*$/u;

/**
 * A shared symbol followed by its amount and an ISO code it stands for ("$310k USD") is that
 * currency, whatever the agency's default: the agent wrote the code to say so.
 */
function namedAfterAmount(
  folded: string,
  mentions: CurrencyMention[],
  marks: ReadonlyMap<number, Mark>,
): CurrencyMention[] {
  return mentions.map((m, i) => {
    const next = mentions[i + 1];
    const shared = marks.get(i)?.shared;
    if (m.explicit || !shared || !next?.explicit || !next.code) return m;
    if (!shared.includes(next.code)) return m;
    if (!AMOUNT_BETWEEN.test(folded.slice(m.end, next.start))) return m;
    return { ...m, code: next.code };
  });
}
