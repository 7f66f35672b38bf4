import type { Language } from '../../domain/listing';

/**
 * The fallback for texts too short for the statistical detector ("Casa 4 dorms, 2 banheiros"):
 * words that only one of the Latin-script languages the product drafts in uses, and "ñ" /
 * "ç ã õ" as strong hints. Undecided (a tie, or no such word) is `undefined`.
 */
const WORD = /[a-z\u00c0-\u024f]+/g;
const FUNCTION_WORDS: Record<Exclude<Language, 'ar'>, ReadonlySet<string>> = {
  en: new Set(
    'the and with of is are for to this in on at from near bedroom bedrooms bath baths bathroom rent available located features kitchen living room floor unit call'.split(
      ' ',
    ),
  ),
  es: new Set(
    'el los las del y con muy una al se es cuenta habitaciones alcobas baños cocina comedor piso venta vendo arriendo ubicado hermoso parqueadero edificio también'.split(
      ' ',
    ),
  ),
  pt: new Set(
    'os do da das com e em um uma não ao à são também quartos banheiro banheiros cozinha venda aluguel imóvel localizado vaga garagem ótimo próximo'.split(
      ' ',
    ),
  ),
};

/**
 * A supported language that its distinct function words make plain (three or more, three
 * times the runner-up): franc is not needed to tell it, and costs a third of extraction's
 * time. Other languages (French, German, Italian) share at most a word or two with these lists.
 */
export function plainlyByWords(raw: string): Exclude<Language, 'ar'> | undefined {
  const distinct: Record<Exclude<Language, 'ar'>, Set<string>> = {
    en: new Set(),
    es: new Set(),
    pt: new Set(),
  };
  for (const word of raw.toLowerCase().match(WORD) ?? []) {
    for (const language of ['en', 'es', 'pt'] as const) {
      if (FUNCTION_WORDS[language].has(word)) distinct[language].add(word);
    }
  }
  const [best, second] = (Object.entries(distinct) as [Exclude<Language, 'ar'>, Set<string>][])
    .map(([language, words]) => [language, words.size] as const)
    .sort((a, b) => b[1] - a[1]);
  if (!best || best[1] < PLAIN_WORDS || (second && second[1] * 3 > best[1])) return undefined;
  return best[0];
}
const PLAIN_WORDS = 3;

export function languageByWords(raw: string): Exclude<Language, 'ar'> | undefined {
  const scores: Record<Exclude<Language, 'ar'>, number> = { en: 0, es: 0, pt: 0 };
  for (const word of raw.toLowerCase().match(WORD) ?? []) {
    for (const language of ['en', 'es', 'pt'] as const) {
      if (FUNCTION_WORDS[language].has(word)) scores[language] += 1;
    }
  }
  scores.es += 2 * (raw.match(/ñ/gi)?.length ?? 0);
  scores.pt += 2 * (raw.match(/[çãõ]/gi)?.length ?? 0);
  const [best, second] = (Object.entries(scores) as [Exclude<Language, 'ar'>, number][]).sort(
    (a, b) => b[1] - a[1],
  );
  if (!best || best[1] === 0 || (second && best[1] === second[1])) return undefined;
  return best[0];
}
