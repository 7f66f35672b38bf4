import type { FairHousingPattern, FairHousingRule, ProtectedClass } from './fairHousingCatalogue';
import { ORIGIN_WORDS } from './fairHousingOrigins';

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
  /**
   * Words that name members of the class on their own ("children", "wheelchairs", "Section
   * 8"); any three words may stand between a frame and them.
   */
  words: Partial<Record<Lang, string>>;
  /**
   * Words that also describe things ("black", "Chinese", "benefits", "blancos"): only people
   * nouns and function words may stand between a frame and them ("no black tenants", not "no
   * black mold").
   */
  strict?: Partial<Record<Lang, string>>;
  /**
   * Adjectives that name people only beside a people noun: in English before it or at the end
   * of the phrase ("Polish tenants", "No Chinese."), in Spanish and Portuguese after it
   * ("inquilino católico", "pessoas brancas"), in Arabic at the end of the phrase ("يفضل سعودي").
   */
  adjectives?: Partial<Record<Lang, string>>;
  /** English adjectives that describe things too often to stand at a phrase's end ("French"). */
  thingAdjectives?: string;
  /** Whether "X only" / "ideal for X" is a preference to flag (not for "children"). */
  preference: boolean;
  /** Whether the adjectives also name ancestry ("of Asian descent", "de raza blanca"). */
  origin?: boolean;
  reason: string;
}

const PEOPLE_EN =
  'tenants?|renters?|applicants?|people|persons?|folks|individuals|residents?|roommates?|flatmates?|housemates?|lodgers?|buyers?|families|family|owners?|occupants?|guests?|candidates?|couples?|households?|professionals?|students?|nationals|citizens|men|women|man|woman|ladies|girls|guys';
const PEOPLE_ES =
  'personas?|gente|inquilin[oa]s?|familias?|arrendatari[oa]s?|huespedes|huesped|companer[oa]s?|interesad[oa]s?|candidat[oa]s?|parejas?|estudiantes|ciudadanos|nacionales';
const PEOPLE_PT =
  'pessoas?|gente|inquilin[oa]s?|familias?|locatari[oa]s?|moradores?|hospedes|hospede|interessad[oa]s?|candidat[oa]s?|casais|casal|estudantes|cidadaos';
const PEOPLE_AR = 'ساكنين|مستاجرين|مستاجر|اشخاص|الاشخاص|ناس|الناس|عائله|عائلات|سكان|مقيمين';
const PEOPLE = `(?:${PEOPLE_EN}|${PEOPLE_ES}|${PEOPLE_PT}|${PEOPLE_AR})`;

/** The words a "people" gap may hold: people nouns and the small words around them. */
const FUNCTION_WORDS =
  'a|an|the|any|to|for|with|from|of|in|on|other|single|young|please|pls|sorry|or|and|we|one|anyone|someone|nobody|no one|those|who|that|are|is|use|uses|using|need|needs|renting|leasing|letting|al|la|las|el|los|de|del|para|con|en|ni|o|u|y|e|se|les|nadie|que|sean|usan|usen|os|as|do|da|dos|das|com|em|nem|ou|ninguem|sejam|usam|من|او|و|الي|ل|لل|اي|تاجير|التاجير|ايجار|الايجار|سكن|السكن|دخول|استقبال';
const PEOPLE_GAP = `(?: (?:${FUNCTION_WORDS}|${PEOPLE_EN}|${PEOPLE_ES}|${PEOPLE_PT}|${PEOPLE_AR})){0,4}`;

/** The nouns that make an adjective name ancestry: "of Mexican descent", "de origen marroquí". */
const ORIGIN_NOUNS: Record<Lang, string> = {
  en: 'descent|origin|ancestry|heritage|background|extraction|nationality',
  es: 'origen|ascendencia|raza|nacionalidad|procedencia',
  pt: 'origem|ascendencia|raca|nacionalidade|procedencia',
  ar: '(?:من )?(?:ذوي |اصحاب )?(?:ال)?(?:اصل|اصول|جنسيه|عرق)',
};

/** What may follow an adjective that names people: a break, a people noun, a conjunction. */
const ADJ_NEXT = `(?=[^\\S\\n]*(?:[.,;:!?)\\n/]|$)| (?:${PEOPLE_EN}|or|and|nor|&|please|pls|only|need|not|preferred|welcome|exclusively|are|is)(?![\\p{L}\\p{N}]))`;

const CLASSES: readonly ClassWords[] = [
  {
    protectedClass: 'race_color',
    id: 'race',
    preference: true,
    origin: true,
    words: {
      en: 'people of colou?r|non whites?|negroes|bipoc|poc',
      es: 'gente (?:blanca|negra|de color|morena)|(?:de )?raza (?:blanca|negra|indigena|gitana|aria)',
      pt: 'gente (?:branca|negra|preta)|(?:de )?raca (?:branca|negra|preta)',
      ar: 'ذوي البشره (?:السمراء|السوداء|البيضاء)|اصحاب البشره (?:السمراء|السوداء|البيضاء)|البشره (?:السمراء|السوداء|البيضاء)',
    },
    strict: {
      en: 'whites|blacks|caucasians|asians|hispanics|latinos|latinas|african americans|gypsies|roma|mulattos?',
      es: 'blanc[oa]s|negr[oa]s|moren[oa]s|indigenas|indios|gitan[oa]s|mestiz[oa]s|mulat[oa]s|asiatic[oa]s',
      pt: 'branc[oa]s|negr[oa]s|pret[oa]s|pard[oa]s|indigenas|indios|cigan[oa]s|mulat[oa]s|asiatic[oa]s',
      ar: 'البيض|السود|بيض|سود|السمر|الغجر',
    },
    adjectives: {
      en: 'white|black|caucasian|asian|hispanic|latino|latina|african american|brown|non white',
      es: 'blanc[oa]s?|negr[oa]s?|moren[oa]s?|indigenas?|gitan[oa]s?|asiatic[oa]s?',
      pt: 'branc[oa]s?|negr[oa]s?|pret[oa]s?|pard[oa]s?|indigenas?|cigan[oa]s?|asiatic[oa]s?',
      ar: 'ابيض|اسود|اسمر|بيضاء|سوداء|سمراء',
    },
    reason: 'Excludes or prefers people by race (race).',
  },
  {
    protectedClass: 'race_color',
    id: 'color',
    preference: true,
    words: {
      en: '(?:light|dark|fair|pale|brown) skinn?ed(?: people| tenants| applicants| persons)?|colou?red(?: people| tenants| applicants| folks| persons)|skin colou?r',
      es: '(?:personas |gente )?(?:de )?(?:piel|tez) (?:clara|oscura|blanca|morena|negra)|personas de color|gente de color',
      pt: '(?:pessoas )?(?:de )?pele (?:clara|escura|branca|negra|morena)|pessoas de cor',
      ar: 'ذوي البشره الفاتحه|البشره الفاتحه|ذوي البشره الداكنه|البشره الداكنه|اصحاب البشره الفاتحه|اصحاب البشره الداكنه',
    },
    strict: { en: 'coloureds|coloreds', es: 'de color' },
    adjectives: { en: 'colou?red|dark skinned|light skinned' },
    reason: 'Excludes or prefers people by colour (colour).',
  },
  {
    protectedClass: 'religion',
    id: 'religion',
    preference: true,
    words: {
      en: 'christians|catholics|protestants|jews|muslims|moslems|hindus|sikhs|buddhists|mormons|atheists|evangelicals|baptists|methodists|lutherans|anglicans|adventists|pentecostals|jehovah.?s witnesses|quakers|amish|scientologists|pagans|wiccans|bahais|jains|rastafarians|churchgoers|born again christians|non believers|unbelievers|infidels|shias?|shiites|sunnis',
      es: 'cristian[oa]s|catolic[oa]s|evangelic[oa]s|judi[oa]s|musulman(?:es|as)|islamic[oa]s|ateos|ateas|mormones|protestantes|testigos de jehova|adventistas|pentecostales|hindues|budistas|creyentes|no creyentes',
      pt: 'cristaos|cristas|catolic[oa]s|evangelic[oa]s|judeus|judias|muculman[oa]s|islamic[oa]s|ateus|ateias|mormons|protestantes|testemunhas de jeova|adventistas|pentecostais|espiritas|umbandistas|candomblecistas|macumbeiros|hindus|budistas|crentes',
      ar: 'المسلمين|مسلمين|المسيحيين|مسيحيين|النصاري|اليهود|يهود|السنه|الشيعه|الهندوس|البوذيين|الملحدين|ملحدين|غير المسلمين|الدروز|الاقباط',
    },
    adjectives: {
      en: 'christian|catholic|protestant|jewish|muslim|moslem|islamic|hindu|sikh|buddhist|mormon|evangelical|orthodox|baptist|methodist|lutheran|atheist|shia|shiite|sunni|church going|god fearing|religious|non religious',
      es: 'cristian[oa]|catolic[oa]|evangelic[oa]|judi[oa]|musulman[a]?|islamic[oa]|ate[oa]|creyente|religios[oa]s?|practicantes?',
      pt: 'crista|cristao|catolic[oa]|evangelic[oa]|judeu|judia|muculman[oa]|islamic[oa]|ateu|ateia|crente|religios[oa]s?|praticantes?',
      ar: 'مسلم|مسلمه|المسلم|مسيحي|مسيحيه|المسيحي|يهودي|يهوديه|سني|شيعي|ملتزم|ملتزمه|ملتزمين',
    },
    reason: 'Excludes or prefers people by religion (religion).',
  },
  {
    protectedClass: 'sex',
    id: 'sex',
    preference: true,
    words: {
      en: 'women|woman|men|males|females|ladies|gentlemen|girls|boys|guys|single (?:men|women|males|females)',
      es: 'mujeres|hombres|varones|chicas|chicos|senoritas|caballeros|damas|senoras',
      pt: 'mulheres|homens|rapazes|mocas|meninas|meninos|senhoras|senhores',
      ar: 'البنات|بنات|النساء|نساء|السيدات|سيدات|الرجال|رجال|الشباب|شباب|ذكور|الذكور|اناث|الاناث|طالبات|الطالبات',
    },
    adjectives: {
      en: 'male|female|lady|girl|boy|man',
      es: 'mujer|hombre|varon|chica|chico|femenin[oa]s?|masculin[oa]s?',
      pt: 'mulher|homem|rapaz|moca|feminin[oa]s?|masculin[oa]s?',
    },
    reason: 'Excludes or prefers people by sex (sex).',
  },
  {
    protectedClass: 'disability',
    id: 'disability',
    preference: false,
    words: {
      en: 'wheelchairs?(?! (?:access|accessible|ramps?|lift|friendly|users? welcome))|wheelchair users?|electric wheelchairs|walkers|crutches|mobility (?:scooters?|aids?|devices?)|disabled(?: people| persons| tenants| applicants)?|the disabled|handicapped|mentally (?:ill|disabled|handicapped)|mental illness(?:es)?|mental health (?:issues|conditions|problems)|the blind|blind people|deaf people|service (?:animals?|dogs?)|emotional support animals?|guide dogs?|esas?|people with disabilities|persons with disabilities|special needs',
      es: 'sillas? de ruedas|discapacitad[oa]s|minusvalid[oa]s|personas con discapacidad|personas con movilidad reducida|movilidad reducida|andador(?:es)?|andaderas?|muletas|scooters? de movilidad|enfermos mentales|invidentes|ciegos|sordos|perros? (?:guia|de asistencia)|animales de (?:servicio|asistencia|apoyo emocional)',
      pt: 'cadeirantes|cadeiras? de rodas|deficientes|pessoas com deficiencia|pessoas com mobilidade reduzida|mobilidade reduzida|muletas|andador(?:es)?|doentes mentais|cegos|surdos|caes? guias?|caes? de assistencia|animais de (?:servico|assistencia|suporte emocional)',
      ar: 'الكراسي المتحركه|كرسي متحرك|الكرسي المتحرك|كراسي متحركه|مستخدمي الكرسي المتحرك|مستخدمي الكراسي المتحركه|ذوي الاحتياجات الخاصه|ذوي الاعاقه|المعاقين|معاقين|اصحاب الهمم|ذوي الهمم|العكازات|عكاز|المشايه|المكفوفين|الصم|المرضي النفسيين|كلاب الارشاد',
    },
    strict: { en: 'walker|scooters|canes' },
    reason: 'Excludes people with disabilities or their mobility aids (disability).',
  },
  {
    protectedClass: 'familial_status',
    id: 'familial',
    preference: false,
    words: {
      en: 'children|kids|babies|infants|toddlers|teenagers|teens|minors|families with (?:young |small |little )?(?:kids|children|babies)|pregnant women|expecting (?:mothers|parents)|single (?:moms|mums|mothers|parents|dads)',
      es: 'ninos|ninas|menores|bebes|hijos(?: pequenos)?|familias con (?:hijos|ninos|bebes)(?: pequenos)?|embarazadas|madres solteras|adolescentes',
      pt: 'criancas|menores|bebes|filhos(?: pequenos)?|familias com (?:criancas|filhos|bebes)|gravidas|gestantes|maes solteiras|adolescentes',
      ar: 'الاطفال|اطفال|عائلات لديها اطفال|عوائل لديها اطفال|الرضع|الحوامل',
    },
    strict: {
      en: 'families',
      es: 'familias',
      pt: 'familias',
      ar: 'عائلات|العائلات|عوائل|العوائل',
    },
    reason: 'Excludes households with children (familial status).',
  },
  {
    protectedClass: 'marital_status',
    id: 'marital',
    preference: true,
    words: {
      en: 'singles|bachelors|spinsters|unmarried (?:couples|people|tenants|partners)|divorcees|divorced (?:people|women|men)|widows|cohabiting couples|same sex couples|gay couples|lesbian couples',
      es: 'solter[oa]s|divorciad[oa]s|viud[oa]s|parejas (?:no casadas|de hecho|del mismo sexo)|parejas gay|matrimonios|casad[oa]s',
      pt: 'solteir[oa]s|divorciad[oa]s|viuv[oa]s|casais (?:nao casados|do mesmo sexo|gays?|homoafetivos)|casad[oa]s',
      ar: 'العزاب|عزاب|العزابيه|المطلقات|مطلقات|المطلقين|الارامل|المتزوجين|متزوجين',
    },
    strict: { en: 'married couples|married people|married tenants' },
    reason: 'Excludes or prefers people by marital status (marital status).',
  },
  {
    protectedClass: 'age',
    id: 'age',
    preference: false,
    words: {
      en: 'seniors|elderly(?: people| persons| tenants)?|the elderly|retirees|pensioners|old people|older (?:people|persons|tenants|adults)|over (?:50s|60s|65s|70s)',
      es: 'jubilad[oa]s|ancian[oa]s|personas mayores|adultos mayores|gente mayor|tercera edad|pensionistas|pensionados',
      pt: 'idos[oa]s|aposentad[oa]s|terceira idade|pessoas idosas|pensionistas',
      ar: 'كبار السن|كبار العمر|المسنين|مسنين|المتقاعدين|متقاعدين',
    },
    reason: 'Excludes people by age (age).',
  },
  {
    protectedClass: 'national_origin',
    id: 'national_origin',
    preference: true,
    origin: true,
    words: {},
    strict: {
      en: `${ORIGIN_WORDS.en.nouns}|${ORIGIN_WORDS.en.fromCountry}`,
      es: `${ORIGIN_WORDS.es.nouns}|${ORIGIN_WORDS.es.fromCountry}`,
      pt: `${ORIGIN_WORDS.pt.nouns}|${ORIGIN_WORDS.pt.fromCountry}`,
      ar: `${ORIGIN_WORDS.ar.nouns}|${ORIGIN_WORDS.ar.fromCountry}`,
    },
    adjectives: {
      en: ORIGIN_WORDS.en.adjectives,
      es: ORIGIN_WORDS.es.adjectives,
      pt: ORIGIN_WORDS.pt.adjectives,
      ar: ORIGIN_WORDS.ar.adjectives,
    },
    thingAdjectives: ORIGIN_WORDS.en.thingAdjectives,
    reason: 'Excludes or prefers people by national origin (national origin).',
  },
  {
    protectedClass: 'source_of_income',
    id: 'income',
    preference: false,
    words: {
      en: 'section 8(?: vouchers?| tenants)?|sec 8|housing (?:choice )?vouchers?|vouchers|hcv|dss(?! (?:fees?|charges?|costs?))|housing benefits?|universal credit|welfare(?: recipients)?|public assistance|benefit (?:claimants|recipients|tenants)|people on benefits|(?:tenants |anyone |those |people )?on (?:benefits|welfare|housing benefit|universal credit|dss)|lha|local housing allowance|ssi|ssdi|food stamps|rental assistance(?: programs?)?|subsidi[sz]ed tenants|government (?:assistance|programs?|subsidies|housing)|housing assistance(?: programs?)?|housing authority|hud',
      es: 'seccion 8|subsidios?(?: de vivienda| de alquiler)?|subvenciones?|vales? de vivienda|ayudas? (?:sociales|de vivienda|publicas|del gobierno|al alquiler)|beneficiarios(?: de programas sociales| de ayudas)?|prestaciones(?: sociales)?|bono (?:de )?alquiler|ingreso minimo vital|renta minima|programas sociales|credito infonavit|infonavit|fovissste',
      pt: 'bolsa familia|bolsa|auxilio (?:aluguel|moradia|brasil|emergencial|governo)|auxilios?|aluguel social|vale aluguel|beneficiarios(?: de programas sociais| do governo| de auxilio)?|beneficios(?: sociais| do governo)?|bpc|loas|programas sociais|minha casa minha vida',
      ar: 'المستفيدين من (?:الدعم|الضمان|الاعانه|الاعانات|برامج)(?: السكني| الاجتماعي)?|الدعم السكني|الضمان الاجتماعي|مستفيدي (?:الضمان|الاعانه|الاعانات|الدعم)|الاعانه|الاعانات|اعانات|حساب المواطن|الدعم الحكومي',
    },
    strict: { en: 'benefits|assistance|subsidies', es: 'ayudas|subsidio', pt: 'beneficio|auxilio' },
    reason: 'Excludes people by source of income (vouchers, Section 8, housing benefits).',
  },
];

/** Frames that exclude, written before the class word. */
const EXCLUDE_BEFORE: Record<Lang, string> = {
  en: "no|not|never|without|(?:not|never|won'?t|will not|do not|don'?t|cannot|can'?t|refuse to|no longer) (?:rent|renting|lease|leasing|let|letting|sell|selling|show|showing)(?: to)?|don'?t (?:accept|allow|want|rent to|take|consider|lease to)|do not (?:accept|allow|want|rent to|take|consider|lease to)|does not (?:accept|allow|rent to|take)|won'?t (?:accept|rent to|take|consider)|will not (?:accept|rent to|take|consider)|can(?:not|'t) (?:accept|take|rent to)|not (?:suitable|suited|ideal|open|available) for|not for|sorry,? no|refuse to rent to|unsuitable for|no room for|nothing for|(?:unable|not able) to (?:accept|take|rent to|consider)|(?:does|do) not (?:participate in|work with|deal with)|not (?:accepting|taking|participating in)",
  es: 'no|sin|nada de|abstenerse|abstenganse|prohibido|prohibidos|no (?:se )?(?:aceptan|aceptamos|acepta|admiten|admitimos|admite|permiten|permitimos|permite|rentamos|renta|alquilamos|alquila|arrendamos|arrienda|arrienda|queremos)(?: a)?|no apto para|no es apto para|no (?:es )?(?:adecuado|apropiado|recomendable) para|no se renta a|no se alquila a|no se arrienda a|no (?:trabajamos|trabaja|trabajo) con',
  pt: 'nao|sem|proibido|proibidos|proibida|vedado|nao (?:aceitamos|aceita|aceitam|alugamos|aluga|alugo|permitimos|permite|queremos|serve)(?: para)?|nao serve para|nao (?:e )?(?:adequado|indicado|apropriado) para|nao se aluga para|nao (?:trabalhamos|trabalha) com',
  ar: 'ممنوع|يمنع|لا نقبل|لا يقبل|لا تقبل|لا يسمح|لا نسمح|غير مسموح|لا نؤجر|لا يؤجر|لا تؤجر|لا يصلح|لا يناسب|غير مناسب|بدون|نعتذر عن|نعتذر من|عدم قبول|يعتذر عن|نرفض',
};

/** Frames that exclude, written after the class word ("Mexicans need not apply"). */
const EXCLUDE_AFTER: Record<Lang, string> = {
  en: 'need not apply|not (?:accepted|allowed|welcome|permitted|wanted|considered)|are not (?:accepted|allowed|welcome|permitted|considered)|will not be (?:accepted|considered)|prohibited|not eligible',
  es: 'no (?:se aceptan|se admiten|aceptad[oa]s|permitid[oa]s|bienvenid[oa]s|admitid[oa]s)|abstenerse|abstenganse',
  pt: 'nao (?:sao )?(?:aceit[oa]s|permitid[oa]s|bem vind[oa]s)',
  ar: 'ممنوع|غير مسموح|ممنوعين|غير مقبولين|لا يقبلون',
};

/** Frames that prefer, before the class word. */
const PREFER_BEFORE: Record<Lang, string> = {
  en: 'only|(?:we )?(?:only|just) (?:rent to|accept|take|consider)|prefers?|preferring|preferred|preferably|preference (?:for|to)|looking for|seeking|wanted|ideal for(?: an?)?|perfect for(?: an?)?|suits?(?: an?)?|reserved for|exclusively for|strictly',
  es: '(?:solo|solamente|unicamente) (?:se )?(?:aceptan|acepta|aceptamos|alquila|alquilamos|renta|rentamos|admite|admitimos|arrienda|arrendamos)(?: a)?|solo(?: para)?|solamente(?: para)?|unicamente(?: para)?|exclusivo para|exclusivamente(?: para)?|preferible(?:mente)?|preferentemente|preferencia(?: para| a| por)?|se prefiere(?:n)?|preferimos|prefiero|se busca|buscamos|busco|ideal para|reservado para',
  pt: '(?:so|somente|apenas) (?:se )?(?:aceitamos|alugamos|aceita|aceitam|aluga|alugo)(?: para| a)?|so(?: para)?|somente(?: para)?|apenas(?: para)?|exclusivo para|exclusivamente(?: para)?|preferencia(?: para| a| por)?|preferimos|prefiro|preferivelmente|procuro|procuramos|ideal para|reservado para',
  ar: 'نفضل|يفضل|تفضل|مطلوب|نبحث عن|مخصص ل|مخصصه ل|حصرا ل|الافضليه ل',
};

/**
 * "Must be Christian", "debe ser católico": a requirement names the class with a bare
 * adjective. Not for race and colour, whose adjectives are colours ("walls must be white").
 */
const MUST_BE: Record<Lang, string> = {
  en: 'must be(?: an?)?',
  es: '(?:debe|deben|tiene que|tienen que|ha de) ser',
  pt: '(?:deve|devem|tem que|precisa|precisam) ser',
  ar: 'يشترط ان يكون|يجب ان يكون|شرط ان يكون|يشترط',
};

/** Frames that prefer, after the class word. */
const PREFER_AFTER: Record<Lang, string> = {
  en: 'only|preferred|welcome only|exclusively|wanted',
  es: 'solamente|unicamente|exclusivamente|preferentemente|de preferencia|solo',
  pt: 'somente|apenas|exclusivamente|de preferencia|so',
  ar: 'فقط|بس|حصرا|يفضل',
};

/** Up to three words, with no sentence or clause break, between a frame and a class word. */
const GAP =
  '(?: (?!acceso|access|acesso|accessible|rampa|ramps?|elevador|elevator|ascensor|lift)[^\\s.,;:!?()،؛]+){0,3}';
/** After "only"-type frames, at most two words ("solo personas blancas"). */
const SHORT_GAP = '(?: [^\\s.,;:!?()،؛]+){0,2}';

const LANGS: readonly Lang[] = ['en', 'es', 'pt', 'ar'];

const PEOPLE_BY_LANG: Record<Lang, string> = {
  en: PEOPLE_EN,
  es: PEOPLE_ES,
  pt: PEOPLE_PT,
  ar: PEOPLE_AR,
};

/** The class words of one language that need a "people" gap: strict words and adjectives. */
function strictTerm(c: ClassWords, lang: Lang): string | undefined {
  const parts: string[] = [];
  const bare = (t: string) => (lang === 'ar' ? withoutArticle(t) : t);
  const strict = c.strict?.[lang];
  if (strict) parts.push(`(?:${bare(strict)})`);
  const adjectives = c.adjectives?.[lang] && bare(c.adjectives[lang]);
  if (adjectives) {
    if (lang === 'en') parts.push(`(?:${adjectives})${ADJ_NEXT}`);
    else if (lang === 'ar')
      parts.push(`(?:${adjectives})(?=[^\\S\\n]*(?:[.,;:!?)\\n،؛]|$)| (?:فقط|او|و))`);
    else parts.push(`(?:${PEOPLE_BY_LANG[lang]}) (?:${adjectives})`);
  }
  if (lang === 'en' && c.thingAdjectives)
    parts.push(`(?:${c.thingAdjectives})(?= (?:${PEOPLE_EN}))`);
  // "of Mexican descent", "de origen marroquí", "من أصل أفريقي": the adjective names people.
  if (c.origin && adjectives) {
    const things = lang === 'en' && c.thingAdjectives ? `|${c.thingAdjectives}` : '';
    parts.push(
      lang === 'en'
        ? `(?:${adjectives}${things}) (?:${ORIGIN_NOUNS.en})`
        : lang === 'ar'
          ? `(?:${ORIGIN_NOUNS.ar}) (?:ال)?(?:${adjectives})`
          : `(?:${ORIGIN_NOUNS[lang]}) (?:${adjectives})`,
    );
  }
  return parts.length ? parts.join('|') : undefined;
}

/** Drops the article from each top-level alternative: "الاجانب|اجانب" → "اجانب". */
function withoutArticle(alternatives: string): string {
  const out = new Set<string>();
  let depth = 0;
  let inClass = false;
  let current = '';
  for (const ch of alternatives + '|') {
    if (ch === '|' && depth === 0 && !inClass) {
      out.add(current.replace(/^ال(?=[\u0621-\u064a])/, ''));
      current = '';
      continue;
    }
    if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    else if (!inClass && ch === '(') depth += 1;
    else if (!inClass && ch === ')') depth -= 1;
    current += ch;
  }
  return [...out].join('|');
}

function rulesFor(c: ClassWords): FairHousingRule[] {
  const excluded: FairHousingPattern[] = [];
  const preferred: FairHousingPattern[] = [];
  for (const lang of LANGS) {
    // Arabic class words take the clitics ل and ال ("لذوي الاعاقه", "للمسلمين"), so they are
    // written here with or without the article and matched bare.
    const clitic = (t: string) => (lang === 'ar' ? `(?:لل|ل|ال)?(?:${t})` : `(?:${t})`);
    const words = c.words[lang];
    const open = words ? clitic(lang === 'ar' ? withoutArticle(words) : words) : undefined;
    const strictSource = strictTerm(c, lang);
    const strict = strictSource ? clitic(strictSource) : undefined;
    const any = [open, strict].filter(Boolean).join('|');
    if (open) excluded.push(`(?:${EXCLUDE_BEFORE[lang]})${GAP} ${open}`);
    if (strict) excluded.push(`(?:${EXCLUDE_BEFORE[lang]})${PEOPLE_GAP} ${strict}`);
    // The class word comes first here, so the frame after it gates the pattern.
    excluded.push({
      source: `(?:${any})(?: ${PEOPLE})? (?:${EXCLUDE_AFTER[lang]})`,
      onlyIf: EXCLUDE_AFTER[lang],
    });
    if (c.preference) {
      if (open) preferred.push(`(?:${PREFER_BEFORE[lang]})${SHORT_GAP} ${open}`);
      if (strict) preferred.push(`(?:${PREFER_BEFORE[lang]})${PEOPLE_GAP} ${strict}`);
      const adjectives = c.adjectives?.[lang];
      if (c.protectedClass !== 'race_color' && (strict || adjectives)) {
        const bareAdjectives = adjectives
          ? clitic(lang === 'ar' ? withoutArticle(adjectives) : adjectives)
          : undefined;
        preferred.push(
          `(?:${MUST_BE[lang]})${PEOPLE_GAP} (?:${[strict, bareAdjectives].filter(Boolean).join('|')})`,
        );
      }
      preferred.push({
        source: `(?:${any})(?: ${PEOPLE})? (?:${PREFER_AFTER[lang]})`,
        onlyIf: PREFER_AFTER[lang],
      });
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
