/**
 * What the product says to agents on WhatsApp, in the agency's language. Kept short: agents
 * read these on a phone between viewings. One entry per kind; each kind has all four languages.
 */
export type Language = 'en' | 'es' | 'pt' | 'ar';
export type ReplyParams = Record<string, string | number>;
type Texts = Record<Language, (p: ReplyParams) => string>;

const n = (p: ReplyParams, key: string): number => Number(p[key] ?? 0);
const s = (p: ReplyParams, key: string): string => String(p[key] ?? '');
const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

const REPLIES = {
  received: {
    en: (p) =>
      `Got ${plural(n(p, 'texts'), 'text', 'texts')} and ${plural(n(p, 'photos'), 'photo', 'photos')}` +
      (n(p, 'skipped') ? ` (${plural(n(p, 'skipped'), 'file', 'files')} skipped)` : '') +
      '. Drafting the listing now.',
    es: (p) =>
      `Recibí ${plural(n(p, 'texts'), 'texto', 'textos')} y ${plural(n(p, 'photos'), 'foto', 'fotos')}` +
      (n(p, 'skipped')
        ? ` (${plural(n(p, 'skipped'), 'archivo omitido', 'archivos omitidos')})`
        : '') +
      '. Preparando el anuncio.',
    pt: (p) =>
      `Recebi ${plural(n(p, 'texts'), 'texto', 'textos')} e ${plural(n(p, 'photos'), 'foto', 'fotos')}` +
      (n(p, 'skipped')
        ? ` (${plural(n(p, 'skipped'), 'arquivo ignorado', 'arquivos ignorados')})`
        : '') +
      '. Preparando o anúncio.',
    ar: (p) =>
      `تم استلام ${n(p, 'texts')} نص و${n(p, 'photos')} صورة` +
      (n(p, 'skipped') ? ` (تم تخطي ${n(p, 'skipped')} ملف)` : '') +
      '. جارٍ تجهيز الإعلان.',
  },
  unknown_sender: {
    en: () =>
      'Hello! This number receives listings from our agents only. If you are interested in a property, please contact the agency directly.',
    es: () =>
      '¡Hola! Este número solo recibe anuncios de nuestros agentes. Si le interesa una propiedad, contacte directamente con la agencia.',
    pt: () =>
      'Olá! Este número recebe apenas anúncios dos nossos corretores. Se tiver interesse num imóvel, contacte a agência diretamente.',
    ar: () =>
      'مرحبًا! هذا الرقم مخصص لاستقبال الإعلانات من وكلائنا فقط. إذا كنت مهتمًا بعقار، يرجى التواصل مع الوكالة مباشرة.',
  },
  rejected: {
    en: (p) => `Your listing was not approved: ${s(p, 'reason')}`,
    es: (p) => `Tu anuncio no fue aprobado: ${s(p, 'reason')}`,
    pt: (p) => `O seu anúncio não foi aprovado: ${s(p, 'reason')}`,
    ar: (p) => `لم تتم الموافقة على إعلانك: ${s(p, 'reason')}`,
  },
  draft_ready: {
    en: (p) =>
      `Draft ready${s(p, 'title') ? `: ${s(p, 'title')}` : ''}. The office reviews it before it goes live.`,
    es: (p) =>
      `Borrador listo${s(p, 'title') ? `: ${s(p, 'title')}` : ''}. La oficina lo revisará antes de publicarlo.`,
    pt: (p) =>
      `Rascunho pronto${s(p, 'title') ? `: ${s(p, 'title')}` : ''}. A equipe vai revisá-lo antes de publicar.`,
    ar: (p) =>
      `المسودة جاهزة${s(p, 'title') ? `: ${s(p, 'title')}` : ''}. سيراجعها المكتب قبل النشر.`,
  },
  published: {
    en: (p) => `Your listing is live: ${s(p, 'url')}`,
    es: (p) => `Tu anuncio está publicado: ${s(p, 'url')}`,
    pt: (p) => `O seu anúncio está publicado: ${s(p, 'url')}`,
    ar: (p) => `تم نشر إعلانك: ${s(p, 'url')}`,
  },
  // A correction that came after the listing was decided: the agent hears it was not applied.
  correction_refused: {
    en: (p) =>
      `Your correction was not applied: the listing is already ${s(p, 'status')}. Please contact the office.`,
    es: (p) =>
      `Tu corrección no se aplicó: el anuncio ya está ${s(p, 'status')}. Contacta con la oficina.`,
    pt: (p) =>
      `A sua correção não foi aplicada: o anúncio já está ${s(p, 'status')}. Contacte o escritório.`,
    ar: (p) => `لم يتم تطبيق تصحيحك: الإعلان بالفعل ${s(p, 'status')}. يرجى التواصل مع المكتب.`,
  },
  // A burst reached the intake's limit and was closed as one listing (workflows/intake).
  burst_limit: {
    en: (p) =>
      `That is the most one listing takes (${s(p, 'limit')}): I closed it with what you sent so far. Anything you send now starts a new listing.`,
    es: (p) =>
      `Es lo máximo que admite un anuncio (${s(p, 'limit')}): lo cerré con lo que enviaste hasta ahora. Lo que envíes ahora empieza un anuncio nuevo.`,
    pt: (p) =>
      `É o máximo que um anúncio aceita (${s(p, 'limit')}): fechei-o com o que enviou até agora. O que enviar agora começa um novo anúncio.`,
    ar: (p) =>
      `هذا أقصى ما يقبله إعلان واحد (${s(p, 'limit')}): أغلقته بما أرسلته حتى الآن. ما ترسله الآن يبدأ إعلانًا جديدًا.`,
  },
  // Already worded in the agency's language by lib/billing/quotaReply.ts.
  plan_limit: {
    en: (p) => s(p, 'text'),
    es: (p) => s(p, 'text'),
    pt: (p) => s(p, 'text'),
    ar: (p) => s(p, 'text'),
  },
} satisfies Record<string, Texts>;

export type ReplyKind = keyof typeof REPLIES;

export function replyText(kind: ReplyKind, language: string, params: ReplyParams = {}): string {
  const lang: Language = (['en', 'es', 'pt', 'ar'] as const).find((l) => l === language) ?? 'en';
  const texts: Texts = REPLIES[kind];
  return texts[lang](params);
}
