import { francAll } from 'franc-min';
import { languageByWords, plainlyByWords } from './languageWords';
import type { Language } from '../../domain/listing';

/**
 * The language an agent wrote in, by franc (trigram profiles of the 82 languages with 8 million
 * speakers or more). Detecting all of them, not just the four the product drafts in, is the
 * point: French must come back as French, not as the nearest supported language. So:
 * - a supported language that clearly leads is the answer;
 * - an unsupported one (French, German, Italian, ...) is reported in `unsupported`, and the
 *   listing is drafted in the caller's hint (the agency's language), else English;
 * - too little text to tell ("3 hab, 2 wc"), or two languages too close to call, is the hint
 *   at low confidence.
 */

export interface DetectedLanguage {
  language: Language;
  confidence: number;
  /** ISO 639-1 code (639-3 where there is none) of what the agent wrote in, when unsupported. */
  unsupported?: string;
}

/** franc's ISO 639-3 codes of the languages the product drafts in. */
const SUPPORTED: Readonly<Record<string, Language>> = {
  eng: 'en',
  spa: 'es',
  por: 'pt',
  arb: 'ar',
};

/** ISO 639-1 for the unsupported languages agents most often write; others keep 639-3. */
const TWO_LETTER: Readonly<Record<string, string>> = {
  fra: 'fr',
  deu: 'de',
  ita: 'it',
  nld: 'nl',
  pol: 'pl',
  ron: 'ro',
  tur: 'tr',
  rus: 'ru',
  ukr: 'uk',
  ell: 'el',
  swe: 'sv',
  ces: 'cs',
  hun: 'hu',
  cat: 'ca',
  pes: 'fa',
  urd: 'ur',
  hin: 'hi',
  cmn: 'zh',
  jpn: 'ja',
  kor: 'ko',
  ind: 'id',
  vie: 'vi',
  tha: 'th',
  heb: 'he',
};

/** Below this many letters franc's trigrams say nothing (franc's own default is 10). */
const MIN_LETTERS = 12;
/**
 * Short texts ("Piso en alquiler, 2 hab, 1 baño") can score highest for an unrelated language
 * (Turkish, here); an unsupported language is claimed only from this many letters on.
 */
const MIN_LETTERS_UNSUPPORTED = 40;
/**
 * The runner-up's score relative to the winner's (franc scores the winner 1) must be below
 * this. Spanish and Portuguese listings score within 0.95-0.97 of each other as a rule, so a
 * supported winner needs only to lead; an unsupported one must lead clearly.
 */
const CLEAR_LEAD = 0.99;
const CLEAR_LEAD_UNSUPPORTED = 0.92;
/** Arabic script scored Pashto or Persian is Arabic when Arabic is this close in the top five. */
const ARABIC_NEAR = 0.75;
/** Confidence of a supported language its own function words make plain. */
const PLAIN_CONFIDENCE = 0.9;
/** How much of the text franc reads. */
const SAMPLE_LETTERS = 400;
/** Confidence of a language told by its function words alone. */
const BY_WORDS = 0.5;
/** Confidence given to the hint when the text says nothing reliable about its language. */
const NO_SIGNAL = 0.3;

const isArabicLetter = (code: number) =>
  (code >= 0x0600 && code <= 0x06ff) ||
  (code >= 0x0750 && code <= 0x077f) ||
  (code >= 0xfb50 && code <= 0xfdff) ||
  (code >= 0xfe70 && code <= 0xfeff);

/**
 * Letters, and how many of them are Arabic, in text that holds only letters and single spaces
 * (so every other unit is a letter, or half of one outside the BMP). Counted in one pass: a
 * `match(/\p{L}/gu)` builds one string per letter, some 4 % of extraction's time on its own.
 */
function countLetters(letters: string): { count: number; arabic: number } {
  let count = 0;
  let arabic = 0;
  for (let i = 0; i < letters.length; i++) {
    const code = letters.charCodeAt(i);
    if (code === 0x20 || (code >= 0xdc00 && code <= 0xdfff)) continue;
    count++;
    if (isArabicLetter(code)) arabic++;
  }
  return { count, arabic };
}

export function detectLanguage(raw: string, hint?: Language): DetectedLanguage {
  const fallback = hint ?? 'en';
  const letters = raw
    .replace(/[^\p{L}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const { count, arabic } = countLetters(letters);
  // Arabic is the one Arabic-script language the product drafts in.
  const arabicScript = count > 0 && arabic * 2 > count;
  // Too little for statistics: words only one supported language uses, else the hint.
  const undecided = (): DetectedLanguage => {
    if (arabicScript) return { language: 'ar', confidence: 0.8 };
    const byWords = languageByWords(raw);
    return byWords
      ? { language: byWords, confidence: BY_WORDS }
      : { language: fallback, confidence: NO_SIGNAL };
  };
  if (count < MIN_LETTERS) return undecided();
  if (!arabicScript) {
    const plain = plainlyByWords(raw);
    if (plain) return { language: plain, confidence: PLAIN_CONFIDENCE };
  }
  // The first few hundred letters tell the language as well as the whole text, at a fraction
  // of the cost (franc is linear in its input; extraction must stay above 2,000 listings/s).
  const ranked = francAll(letters.slice(0, SAMPLE_LETTERS), { minLength: MIN_LETTERS });
  const [best, second] = ranked;
  const runnerUp = second?.[1] ?? 0;
  if (
    arabicScript &&
    ranked.slice(0, 5).some(([code, score]) => code === 'arb' && score >= ARABIC_NEAR)
  )
    return { language: 'ar', confidence: best?.[0] === 'arb' ? 0.99 : 0.8 };
  if (!best || best[0] === 'und' || runnerUp >= CLEAR_LEAD) return undecided();
  const confidence = Math.round(Math.min(0.99, 0.5 + (1 - runnerUp) * 2) * 100) / 100;
  const supported = SUPPORTED[best[0]];
  if (supported) return { language: supported, confidence };
  if (count < MIN_LETTERS_UNSUPPORTED || runnerUp >= CLEAR_LEAD_UNSUPPORTED) return undecided();
  return { language: fallback, confidence, unsupported: TWO_LETTER[best[0]] ?? best[0] };
}
