/**
 * How the intake workflow reads an agent's words. Pure functions, so they are tested alone and
 * safe in the workflow sandbox. Matching is on normalised text: lower case, no accents, no
 * punctuation or emoji, Arabic tatweel removed.
 */
export type MessageIntent = 'finish' | 'new_listing' | 'correction' | 'content';

const FINISH_WORDS = new Set([
  'done',
  'thats all',
  'that is all',
  'finished',
  'end',
  'send',
  'ok done',
  'listo',
  'terminado',
  'eso es todo',
  'fin',
  'ya',
  'pronto',
  'terminei',
  'e isso',
  'fim',
  'so isso',
  'تم',
  'خلاص',
  'انتهى',
  'انتهيت',
  'بس',
]);

const NEW_LISTING_PREFIXES = [
  'new listing',
  'new property',
  'another property',
  'next property',
  'nueva propiedad',
  'nuevo listado',
  'nuevo inmueble',
  'otra propiedad',
  'novo imovel',
  'nova propriedade',
  'novo anuncio',
  'outro imovel',
  'عقار جديد',
  'اعلان جديد',
  'إعلان جديد',
];

const CORRECTION_PREFIXES = [
  'correction',
  'correct',
  'update',
  'actually',
  'fix',
  'correccion',
  'corrijo',
  'corrige',
  'perdon',
  'correcao',
  'corrigir',
  'corrigindo',
  'تصحيح',
  'تعديل',
];

export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\u0640/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const startsWithPhrase = (text: string, phrases: readonly string[]) =>
  phrases.some((p) => {
    const n = normalise(p);
    return text === n || text.startsWith(`${n} `);
  });

export function intentOf(text: string | undefined): MessageIntent {
  if (!text) return 'content';
  const n = normalise(text);
  if (FINISH_WORDS.has(n)) return 'finish';
  if (startsWithPhrase(n, NEW_LISTING_PREFIXES)) return 'new_listing';
  if (startsWithPhrase(n, CORRECTION_PREFIXES)) return 'correction';
  return 'content';
}
