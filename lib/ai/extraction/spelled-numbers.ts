import type { Amount } from './numbers';

/**
 * Prices written out in words, as agents do when dictating or to look formal: "doscientos
 * ochenta y cinco mil euros", "un millón doscientos mil pesos", "quinhentos e cinquenta mil
 * reais", "two hundred fifty thousand dollars". Only a run of number words that reaches a
 * thousand or a million is an amount: "dos plantas" and "tres dormitorios" are counts, read
 * elsewhere. Works on the folded text (lower case, no accents).
 */

/** Words worth a number below a thousand, in Spanish, Portuguese and English. */
const SMALL: Record<string, number> = {
  // es
  un: 1,
  uno: 1,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  once: 11,
  doce: 12,
  trece: 13,
  catorce: 14,
  quince: 15,
  dieciseis: 16,
  diecisiete: 17,
  dieciocho: 18,
  diecinueve: 19,
  veinte: 20,
  veintiun: 21,
  veintiuno: 21,
  veintiuna: 21,
  veintidos: 22,
  veintitres: 23,
  veinticuatro: 24,
  veinticinco: 25,
  veintiseis: 26,
  veintisiete: 27,
  veintiocho: 28,
  veintinueve: 29,
  treinta: 30,
  cuarenta: 40,
  cincuenta: 50,
  sesenta: 60,
  setenta: 70,
  ochenta: 80,
  noventa: 90,
  cien: 100,
  ciento: 100,
  doscientos: 200,
  doscientas: 200,
  trescientos: 300,
  trescientas: 300,
  cuatrocientos: 400,
  cuatrocientas: 400,
  quinientos: 500,
  quinientas: 500,
  seiscientos: 600,
  seiscientas: 600,
  setecientos: 700,
  setecientas: 700,
  ochocientos: 800,
  ochocientas: 800,
  novecientos: 900,
  novecientas: 900,
  // pt (words shared with Spanish are listed once, above)
  um: 1,
  dois: 2,
  duas: 2,
  quatro: 4,
  sete: 7,
  oito: 8,
  nove: 9,
  dez: 10,
  onze: 11,
  doze: 12,
  treze: 13,
  quatorze: 14,
  quinze: 15,
  dezesseis: 16,
  dezasseis: 16,
  dezessete: 17,
  dezassete: 17,
  dezoito: 18,
  dezenove: 19,
  dezanove: 19,
  vinte: 20,
  trinta: 30,
  quarenta: 40,
  cinquenta: 50,
  sessenta: 60,
  oitenta: 80,
  cem: 100,
  cento: 100,
  duzentos: 200,
  duzentas: 200,
  trezentos: 300,
  trezentas: 300,
  quatrocentos: 400,
  quatrocentas: 400,
  quinhentos: 500,
  quinhentas: 500,
  seiscentas: 600,
  setecentas: 700,
  oitocentos: 800,
  oitocentas: 800,
  novecentas: 900,
  // en
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
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

/** Words that multiply what comes before them. */
const HUNDRED = new Set(['hundred']);
const THOUSAND = new Set(['mil', 'thousand']);
const MILLION = new Set(['millon', 'millones', 'milhao', 'milhoes', 'million', 'millions']);
/** "ochenta y cinco", "duzentos e cinquenta", "one hundred and fifty". */
const JOINERS = new Set(['y', 'e', 'and']);

/** A word run: letters, with the joiners and hyphens between words ("twenty-five"). */
const WORD = /\p{L}+/gu;

export function isNumberWord(word: string): boolean {
  return word in SMALL || HUNDRED.has(word) || THOUSAND.has(word) || MILLION.has(word);
}

/**
 * The value of a run of number words, or null when it is not one number ("dos mil tres mil").
 * A multiplier applies to the group before it: "un millón doscientos mil" is 1e6 + 200 × 1e3.
 */
function valueOf(words: readonly string[]): number | null {
  let total = 0;
  let group = 0;
  let last = Infinity;
  for (const w of words) {
    if (MILLION.has(w)) {
      // "mil doscientos millones": thousands of millions, as Spanish counts past a million.
      if (last === 1e3) {
        total = (total + group) * 1e6;
        group = 0;
        last = 1e6;
        continue;
      }
      if (last <= 1e6) return null;
      total += (group || 1) * 1e6;
      group = 0;
      last = 1e6;
    } else if (THOUSAND.has(w)) {
      if (last <= 1e3) return null;
      total += (group || 1) * 1e3;
      group = 0;
      last = 1e3;
    } else if (HUNDRED.has(w)) {
      group = (group || 1) * 100;
    } else {
      group += SMALL[w] ?? 0;
    }
  }
  return total + group;
}

/** Every amount written out in words that reaches a thousand, in text order. */
export function spelledAmounts(folded: string): Amount[] {
  const found: Amount[] = [];
  // Every multiplier word contains one of these: most texts need no word-by-word scan.
  if (!/mil|thousand/.test(folded)) return found;
  let run: { word: string; start: number; end: number }[] = [];
  const flush = () => {
    while (run.length && JOINERS.has(run[run.length - 1]?.word ?? '')) run.pop();
    const first = run[0];
    const last = run[run.length - 1];
    const words = run.map((r) => r.word);
    run = [];
    if (!first || !last || !words.some((w) => THOUSAND.has(w) || MILLION.has(w))) return;
    // "650 mil": the digits are the amount, read with their magnitude word elsewhere.
    if (/\d[^\S\n]*$/.test(folded.slice(Math.max(0, first.start - 3), first.start))) return;
    const value = valueOf(words);
    if (value !== null && value >= 1000) {
      found.push({ value, start: first.start, end: last.end, scaled: true });
    }
  };
  let prevEnd = -1;
  for (const m of folded.matchAll(WORD)) {
    const word = m[0];
    const start = m.index;
    const gap = prevEnd < 0 ? '' : folded.slice(prevEnd, start);
    const joined = prevEnd >= 0 && /^(?:[^\S\n]+|-)$/.test(gap);
    if (!joined) flush();
    const joiner = JOINERS.has(word) && run.length > 0;
    if (isNumberWord(word) || joiner) run.push({ word, start, end: start + word.length });
    else flush();
    prevEnd = start + word.length;
  }
  flush();
  return found;
}
