/**
 * What the product says to agents on WhatsApp, in the agency's language. Kept short: agents
 * read these on a phone between viewings.
 */
export type ReplyKind = 'received' | 'unknown_sender';
export type Language = 'en' | 'es' | 'pt' | 'ar';

interface ReceivedParams {
  texts: number;
  photos: number;
  skipped: number;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const RECEIVED: Record<Language, (p: ReceivedParams) => string> = {
  en: (p) =>
    `Got ${plural(p.texts, 'text', 'texts')} and ${plural(p.photos, 'photo', 'photos')}` +
    (p.skipped ? ` (${plural(p.skipped, 'file', 'files')} skipped)` : '') +
    '. Drafting the listing now.',
  es: (p) =>
    `Recibí ${plural(p.texts, 'texto', 'textos')} y ${plural(p.photos, 'foto', 'fotos')}` +
    (p.skipped ? ` (${plural(p.skipped, 'archivo omitido', 'archivos omitidos')})` : '') +
    '. Preparando el anuncio.',
  pt: (p) =>
    `Recebi ${plural(p.texts, 'texto', 'textos')} e ${plural(p.photos, 'foto', 'fotos')}` +
    (p.skipped ? ` (${plural(p.skipped, 'arquivo ignorado', 'arquivos ignorados')})` : '') +
    '. Preparando o anúncio.',
  ar: (p) =>
    `تم استلام ${p.texts} نص و${p.photos} صورة` +
    (p.skipped ? ` (تم تخطي ${p.skipped} ملف)` : '') +
    '. جارٍ تجهيز الإعلان.',
};

const UNKNOWN_SENDER: Record<Language, string> = {
  en: 'Hello! This number receives listings from our agents only. If you are interested in a property, please contact the agency directly.',
  es: '¡Hola! Este número solo recibe anuncios de nuestros agentes. Si le interesa una propiedad, contacte directamente con la agencia.',
  pt: 'Olá! Este número recebe apenas anúncios dos nossos corretores. Se tiver interesse num imóvel, contacte a agência diretamente.',
  ar: 'مرحبًا! هذا الرقم مخصص لاستقبال الإعلانات من وكلائنا فقط. إذا كنت مهتمًا بعقار، يرجى التواصل مع الوكالة مباشرة.',
};

export function replyText(
  kind: ReplyKind,
  language: string,
  params: Record<string, number> = {},
): string {
  const lang: Language = (['en', 'es', 'pt', 'ar'] as const).find((l) => l === language) ?? 'en';
  if (kind === 'unknown_sender') return UNKNOWN_SENDER[lang];
  return RECEIVED[lang]({
    texts: params.texts ?? 0,
    photos: params.photos ?? 0,
    skipped: params.skipped ?? 0,
  });
}
