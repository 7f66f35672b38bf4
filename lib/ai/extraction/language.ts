import type { Language } from '../../domain/listing';

/**
 * Language by script, then by function words. Arabic is decided by its script alone. Among the
 * Latin-script languages, words that only one of them uses ("the", "los", "não") are counted;
 * "ñ" and "ç"/"ã"/"õ" are strong hints. With no signal at all, the caller's hint (the agency's
 * language) wins, else English.
 */

const ARABIC_LETTER = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/g;
const LATIN_LETTER = /[a-zA-Z\u00c0-\u024f]/g;
const WORD = /[a-z\u00c0-\u024f]+/g;

/** Words that are frequent in one of the three languages and rare or absent in the others. */
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

export interface DetectedLanguage {
  language: Language;
  confidence: number;
}

export function detectLanguage(raw: string, hint?: Language): DetectedLanguage {
  const arabic = raw.match(ARABIC_LETTER)?.length ?? 0;
  const latin = raw.match(LATIN_LETTER)?.length ?? 0;
  if (arabic > 0 && arabic >= latin) {
    return { language: 'ar', confidence: arabic > 3 * latin ? 0.99 : 0.8 };
  }
  const scores: Record<Exclude<Language, 'ar'>, number> = { en: 0, es: 0, pt: 0 };
  for (const word of raw.toLowerCase().match(WORD) ?? []) {
    for (const language of ['en', 'es', 'pt'] as const) {
      if (FUNCTION_WORDS[language].has(word)) scores[language] += 1;
    }
  }
  scores.es += 2 * (raw.match(/ñ/gi)?.length ?? 0);
  scores.pt += 2 * (raw.match(/[çãõ]/gi)?.length ?? 0);
  const ranked = (Object.entries(scores) as [Exclude<Language, 'ar'>, number][]).sort(
    (a, b) => b[1] - a[1],
  );
  const [best, second] = ranked;
  if (!best || best[1] === 0 || (second && best[1] === second[1])) {
    return { language: hint ?? best?.[0] ?? 'en', confidence: 0.3 };
  }
  const margin = (best[1] - (second?.[1] ?? 0)) / best[1];
  return { language: best[0], confidence: Math.min(0.99, 0.5 + margin / 2) };
}
