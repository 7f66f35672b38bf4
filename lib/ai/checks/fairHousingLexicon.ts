import type { FairHousingRule, ProtectedClass } from './fairHousingCatalogue';

/**
 * The general half of the fair-housing catalogue: for each protected class, the words that
 * name its members (plurals, demonyms, the devices a rule names: "wheelchairs", "Section 8"),
 * and the frames an ad wraps around them to exclude ("no ...", "we do not rent to ...",
 * "no se aceptan ...", "não alugamos para ...", "ممنوع ...", "... need not apply") or to
 * prefer ("... only", "solo ...", "somente ...", "لل... فقط", "looking for ... tenants").
 * Up to three words may stand between a frame and a class word ("not suitable for families
 * with young kids", "no apto para personas en silla de ruedas"), never a sentence or clause
 * break. Patterns are written folded (no accents; Arabic ة → ه, ى → ي, أ → ا) and a space
 * also matches a hyphen ("Section-8", "able bodied").
 *
 * Every rule generated here is blocking: an ad that excludes or prefers a protected class says
 * so explicitly, and lawful exceptions (senior housing, a shared room let by the occupant) are
 * recorded by the operator's override, not assumed by the catalogue.
 */

type Lang = 'en' | 'es' | 'pt' | 'ar';

interface ClassWords {
  protectedClass: ProtectedClass;
  /** Short id part: fh.<id>.excluded / fh.<id>.preferred. */
  id: string;
  words: Record<Lang, string>;
  /** Whether "X only" / "ideal for X" is a preference to flag (not for "families"). */
  preference: boolean;
  reason: string;
}

const PEOPLE =
  '(?:tenants?|renters?|applicants?|people|persons?|residents?|roommates?|buyers?|families|family|owners?|occupants?|personas|gente|inquilinos?|inquilinas?|familias|pessoas|inquilinos|moradores|familias|ساكنين|مستاجرين)';

const CLASSES: readonly ClassWords[] = [
  {
    protectedClass: 'race_color',
    id: 'race',
    preference: true,
    words: {
      en: 'whites?|blacks?|caucasians?|asians?|hispanics?|latinos?|latinas?|african americans?|people of colou?r|non whites?|negroes|negros?',
      es: 'blanc[oa]s|negr[oa]s|morenos|indigenas|gitanos|personas (?:blancas|negras|de color)|gente (?:blanca|negra|de color)',
      pt: 'branc[oa]s|negr[oa]s|pretos|pessoas (?:brancas|negras|pretas)',
      ar: 'البيض|السود|بيض|سود|ذوي البشره (?:السمراء|السوداء|البيضاء)|اصحاب البشره (?:السمراء|السوداء|البيضاء)|البشره (?:السمراء|السوداء)',
    },
    reason: 'Excludes or prefers people by race (race).',
  },
  {
    protectedClass: 'race_color',
    id: 'color',
    preference: true,
    words: {
      en: '(?:light|dark|fair|pale) skinn?ed(?: people| tenants| applicants)?|colou?red(?: people| tenants| applicants| folks)?|skin colou?r',
      es: '(?:personas |gente )?(?:de )?(?:piel|tez) (?:clara|oscura|blanca|morena|negra)|de color',
      pt: '(?:pessoas )?(?:de )?pele (?:clara|escura|branca|negra|morena)',
      ar: 'ذوي البشره الفاتحه|البشره الفاتحه|ذوي البشره الداكنه|البشره الداكنه',
    },
    reason: 'Excludes or prefers people by colour (colour).',
  },
  {
    protectedClass: 'religion',
    id: 'religion',
    preference: true,
    words: {
      en: 'christians?|catholics?|protestants?|jews|jewish|muslims?|moslems?|islamic|hindus?|sikhs?|buddhists?|mormons?|atheists?|evangelicals?',
      es: 'cristian[oa]s?|catolic[oa]s?|evangelic[oa]s?|judi[oa]s?|musulman(?:a|es|as)?|islamic[oa]s?|ateos|mormones',
      pt: 'crista(?:o|os|s)?|cristaos|catolic[oa]s?|evangelic[oa]s?|judeus?|judias?|muculman[oa]s?|islamic[oa]s?|ateus',
      ar: 'المسلمين|مسلمين|المسيحيين|مسيحيين|اليهود|يهود|السنه|الشيعه|الهندوس|المسلم|المسيحي',
    },
    reason: 'Excludes or prefers people by religion (religion).',
  },
  {
    protectedClass: 'sex',
    id: 'sex',
    preference: true,
    words: {
      en: 'women|woman|men|males?|females?|ladies|lady|gentlemen|girls?|boys?|guys',
      es: 'mujeres|hombres|varones|chicas|chicos|senoritas|caballeros|damas',
      pt: 'mulheres|homens|rapazes|mocas|meninas|meninos|senhoras',
      ar: 'البنات|بنات|النساء|نساء|السيدات|سيدات|الرجال|رجال|الشباب|شباب|ذكور|الذكور|اناث|الاناث|طالبات',
    },
    reason: 'Excludes or prefers people by sex (sex).',
  },
  {
    protectedClass: 'disability',
    id: 'disability',
    preference: false,
    words: {
      en: 'wheelchairs?(?! (?:access|accessible|ramps?|lift|friendly))|wheelchair users?|walkers|crutches|mobility scooters?|disabled(?: people| persons| tenants)?|handicapped|mentally ill|mental illness(?:es)?|the blind|deaf people',
      es: 'sillas? de ruedas|discapacitad[oa]s|minusvalid[oa]s|personas con discapacidad|andaderas|muletas|enfermos mentales',
      pt: 'cadeirantes|cadeiras? de rodas|deficientes|pessoas com deficiencia|muletas|andadores',
      ar: 'الكراسي المتحركه|كرسي متحرك|الكرسي المتحرك|ذوي الاحتياجات الخاصه|ذوي الاعاقه|المعاقين|معاقين|اصحاب الهمم',
    },
    reason: 'Excludes people with disabilities or their mobility aids (disability).',
  },
  {
    protectedClass: 'familial_status',
    id: 'familial',
    preference: false,
    words: {
      en: 'children|kids|babies|infants|toddlers|teenagers|families with (?:young )?(?:kids|children)|pregnant women|families',
      es: 'ninos|menores|bebes|hijos(?: pequenos)?|familias con (?:hijos|ninos)(?: pequenos)?|embarazadas|familias',
      pt: 'criancas|menores|bebes|filhos(?: pequenos)?|familias com (?:criancas|filhos)|gravidas|familias',
      ar: 'الاطفال|اطفال|عائلات|العائلات|عوائل|العوائل|عائلات لديها اطفال',
    },
    reason: 'Excludes households with children (familial status).',
  },
  {
    protectedClass: 'national_origin',
    id: 'national_origin',
    preference: true,
    words: {
      en: 'foreigners|immigrants|expats|non nationals|non citizens|mexicans|indians|chinese|arabs|africans|americans|europeans|pakistanis|filipinos|venezuelans|haitians|nigerians|somalis|latin americans|asians only',
      es: 'extranjeros|inmigrantes|migrantes|venezolan[oa]s|colombian[oa]s|mexican[oa]s|peruan[oa]s|haitian[oa]s|african[oa]s|chin[oa]s|gringos|bolivian[oa]s|paraguay[oa]s|dominican[oa]s|cuban[oa]s|espanoles',
      pt: 'estrangeiros|imigrantes|venezuelan[oa]s|haitian[oa]s|bolivian[oa]s|african[oa]s|angolan[oa]s|nordestinos|brasileiros|portugueses',
      ar: 'الاجانب|اجانب|الوافدين|وافدين|السعوديين|سعوديين|المصريين|مصريين|الهنود|هنود|العرب|عرب|المواطنين|مواطنين|الجنسيات|الباكستانيين|الافارقه|الاسيويين|الخليجيين|الكويتيين|الاماراتيين',
    },
    reason: 'Excludes or prefers people by national origin (national origin).',
  },
  {
    protectedClass: 'source_of_income',
    id: 'income',
    preference: false,
    words: {
      en: 'section 8(?: vouchers?| tenants)?|sec 8|housing (?:choice )?vouchers?|vouchers|hcv|dss|housing benefits?|universal credit|welfare(?: recipients)?|public assistance',
      es: 'seccion 8|subsidios?(?: de vivienda)?|vales? de vivienda|ayudas? (?:sociales|de vivienda)|beneficiarios(?: de programas sociales)?|credito infonavit|infonavit',
      pt: 'bolsa familia|auxilio (?:aluguel|moradia)|aluguel social|beneficiarios(?: de programas sociais)?|minha casa minha vida',
      ar: 'المستفيدين من الدعم(?: السكني)?|الدعم السكني|الضمان الاجتماعي|مستفيدي الضمان',
    },
    reason: 'Excludes people by source of income (vouchers, Section 8, housing benefits).',
  },
];

/** Frames that exclude, written before the class word. */
const EXCLUDE_BEFORE: Record<Lang, string> = {
  en: "no|not|never|without|don'?t (?:accept|allow|want|rent to|take|consider)|do not (?:accept|allow|want|rent to|take|consider)|does not (?:accept|allow|rent to|take)|won'?t (?:accept|rent to|take|consider)|will not (?:accept|rent to|take|consider)|can(?:not|'t) (?:accept|take)|not (?:suitable|suited|ideal|open) for|not for|sorry,? no|refuse to rent to|unsuitable for",
  es: 'no|sin|nada de|abstenerse|prohibido|prohibidos|no (?:se )?(?:aceptan|aceptamos|acepta|admiten|admitimos|admite|permiten|permitimos|permite|rentamos|renta|alquilamos|alquila|arrendamos|arrienda|queremos)(?: a)?|no apto para|no es apto para|no se renta a|no se alquila a',
  pt: 'nao|sem|proibido|proibidos|proibida|vedado|nao (?:aceitamos|aceita|aceitam|alugamos|aluga|permitimos|permite|queremos)(?: para)?|nao serve para|nao (?:adequado|indicado) para',
  ar: 'ممنوع|يمنع|لا نقبل|لا يقبل|لا تقبل|لا يسمح|لا نسمح|غير مسموح|لا نؤجر|لا يؤجر|لا يصلح|لا يناسب|غير مناسب|بدون|نعتذر عن|نعتذر من|عدم قبول',
};

/** Frames that exclude, written after the class word ("Mexicans need not apply"). */
const EXCLUDE_AFTER: Record<Lang, string> = {
  en: 'need not apply|not (?:accepted|allowed|welcome|permitted|wanted|considered)|are not (?:accepted|allowed|welcome)|prohibited|not eligible',
  es: 'no (?:se aceptan|aceptados|permitidos|bienvenidos)|abstenerse',
  pt: 'nao (?:sao )?(?:aceitos|permitidos|bem-vindos)',
  ar: 'ممنوع|غير مسموح|ممنوعين|غير مقبولين',
};

/** Frames that prefer, before the class word. */
const PREFER_BEFORE: Record<Lang, string> = {
  en: 'only|prefer|preferred|preferably|looking for|seeking|ideal for(?: an?)?|perfect for(?: an?)?|suits?(?: an?)?|reserved for',
  es: 'solo(?: para)?|solamente(?: para)?|unicamente(?: para)?|exclusivo para|preferible(?:mente)?|preferencia(?: para| a)?|se busca|buscamos|ideal para',
  pt: 'so(?: para)?|somente(?: para)?|apenas(?: para)?|exclusivo para|preferencia(?: para| a)?|procuro|procuramos|ideal para',
  ar: 'نفضل|يفضل|مطلوب|نبحث عن|مخصص ل',
};

/** Frames that prefer, after the class word. */
const PREFER_AFTER: Record<Lang, string> = {
  en: 'only|preferred|welcome only|exclusively',
  es: 'solamente|unicamente|exclusivamente|preferentemente|de preferencia',
  pt: 'somente|apenas|exclusivamente|de preferencia',
  ar: 'فقط|بس',
};

/** Up to three words, with no sentence or clause break, between a frame and a class word. */
const GAP =
  '(?: (?!acceso|access|acesso|accessible|rampa|ramps?|elevador|elevator|ascensor|lift)[^\\s.,;:!?()،؛]+){0,3}';
/** After "only"-type frames, at most two words ("solo personas blancas"). */
const SHORT_GAP = '(?: [^\\s.,;:!?()،؛]+){0,2}';

const LANGS: readonly Lang[] = ['en', 'es', 'pt', 'ar'];

function rulesFor(c: ClassWords): FairHousingRule[] {
  const excluded: string[] = [];
  const preferred: string[] = [];
  for (const lang of LANGS) {
    const words = `(?:${c.words[lang]})`;
    // Arabic class words take the clitic ل ("لذوي الاعاقه", "للمسلمين").
    const term = lang === 'ar' ? `(?:لل|ل|ال)?${words}` : words;
    excluded.push(`(?:${EXCLUDE_BEFORE[lang]})${GAP} ${term}`);
    excluded.push(`${term}(?: ${PEOPLE})? (?:${EXCLUDE_AFTER[lang]})`);
    if (c.preference) {
      preferred.push(`(?:${PREFER_BEFORE[lang]})${SHORT_GAP} ${term}`);
      preferred.push(`${term}(?: ${PEOPLE})? (?:${PREFER_AFTER[lang]})`);
      if (lang === 'ar') preferred.push(`لل${words} فقط`);
    }
  }
  const rules: FairHousingRule[] = [
    {
      id: `fh.${c.id}.excluded`,
      protectedClass: c.protectedClass,
      severity: 'blocking',
      patterns: excluded,
      reason: c.reason,
    },
  ];
  if (preferred.length) {
    rules.push({
      id: `fh.${c.id}.preferred`,
      protectedClass: c.protectedClass,
      severity: 'blocking',
      patterns: preferred,
      reason: c.reason,
    });
  }
  return rules;
}

export const LEXICON_RULES: readonly FairHousingRule[] = CLASSES.flatMap(rulesFor);
