/**
 * The fair-housing phrase catalogue: wording that states a preference for, or excludes, people
 * by a protected characteristic (US Fair Housing Act classes and their counterparts elsewhere:
 * familial status, religion, race, national origin, disability, sex, plus marital status,
 * age and source of income, which many states and countries protect). Versioned: every draft
 * records the version it was checked against, and a change here is a reviewed change.
 *
 * Severity: `blocking` where the phrase excludes or prefers a class in a way that is unlawful
 * under the Fair Housing Act (an operator may still override with a recorded reason, e.g. a
 * lawful senior-housing exemption); `warning` where legality depends on the jurisdiction or
 * the kind of letting (shared housing, Gulf "families only" rules).
 *
 * Patterns are regular-expression sources in lower case, matched against the folded text (no
 * accents, Arabic letter variants unified: see lib/ai/extraction/text.ts); their own letters
 * are folded the same way when compiled, so "jóvenes" and "العائلات" may be written as
 * spoken. A space matches any whitespace; Arabic words may carry the clitics و ف ب ل and ال.
 * The allow-list masks lawful phrases that share words with a rule ("master bedroom",
 * "walking distance", "bachelor apartment") before any rule runs.
 */

import { LEXICON_RULES } from './fairHousingLexicon';

export const FAIR_HOUSING_CATALOGUE_VERSION = '2026-12.2';

export type ProtectedClass =
  | 'familial_status'
  | 'religion'
  | 'race_color'
  | 'national_origin'
  | 'disability'
  | 'sex'
  | 'marital_status'
  | 'age'
  | 'source_of_income';

/**
 * A pattern, or one that can only match where `onlyIf` also matches: a small pattern tested
 * once per text, which spares a large one ("<any nationality> need not apply") on the many
 * texts without its frame.
 */
export type FairHousingPattern = string | { source: string; onlyIf: string };

export interface FairHousingRule {
  id: string;
  protectedClass: ProtectedClass;
  severity: 'blocking' | 'warning';
  patterns: readonly FairHousingPattern[];
  reason: string;
}

const RELIGIONS_EN =
  'christian|catholic|protestant|jewish|muslim|islamic|hindu|sikh|buddhist|mormon';
const RELIGIONS_ES = 'cristian[oa]|catolic[oa]|evangelic[oa]|judi[oa]|musulman[a]?|islamic[oa]';
const RELIGIONS_PT =
  'crista|cristao|catolic[oa]|evangelic[oa]|judaic[oa]|judeu|judia|muculman[oa]|islamic[oa]';

const OR_FAMILIES =
  '(?!,? (?:or|and|o|y|e|ou|u) (?:a |an |una |um |uma )?(?:young |small |pequenas? )?(?:famil|ninos|criancas|kids|children))';

const PHRASE_RULES: readonly FairHousingRule[] = [
  // Familial status: households with children, and "couples" as the wanted household.
  {
    id: 'fh.familial.couples',
    protectedClass: 'familial_status',
    severity: 'blocking',
    // "Ideal for couples or families" names everyone: it is the inclusive phrase, not a preference.
    patterns: [
      `(?:perfect|ideal|great|suited|suitable) for (?:a )?(?:young |newlywed |married )?couples?${OR_FAMILIES}`,
      'couples? only',
      `(?:ideal|perfect[oa]?|apt[oa]) para (?:una )?parejas?(?: jovenes| recien casad[oa]s)?${OR_FAMILIES}`,
      'solo parejas',
      `(?:ideal|perfeit[oa]) para casa(?:l|is)(?: jovens| recem casados)?${OR_FAMILIES}`,
      'somente casais|apenas casais|so casais',
      '(?:مثالي|مثالية|مناسب|مناسبة) (?:لل|ل)?(?:أزواج|زوجين|متزوجين)(?: الشباب| الجدد)?',
    ],
    reason: 'States a preference for couples: excludes households with children (familial status).',
  },
  {
    id: 'fh.familial.children',
    protectedClass: 'familial_status',
    severity: 'blocking',
    patterns: [
      'no (?:kids|children|babies|infants|toddlers)',
      '(?:kids|children) (?:not allowed|not permitted|not welcome)',
      'not (?:suitable|suited) for (?:kids|children)',
      'adults? only',
      '(?:no se aceptan|no se admiten|sin|no) (?:ninos|menores|bebes)',
      'solo (?:para )?adultos',
      'no apto para ninos',
      '(?:nao aceita|nao aceitamos|sem|proibido) (?:criancas|menores|bebes)',
      '(?:somente|apenas|so) (?:para )?adultos',
      '(?:بدون|ممنوع|لا يسمح ب|غير مسموح ب)\\s*(?:ال)?اطفال',
      'للكبار فقط|للبالغين فقط',
    ],
    reason: 'Excludes households with children (familial status).',
  },
  // Marital status: singles and "families only" (common in Gulf lettings, and still an explicit
  // exclusion: a letting where it is lawful is the operator's recorded override).
  {
    id: 'fh.marital.singles',
    protectedClass: 'marital_status',
    severity: 'blocking',
    patterns: [
      'no (?:bachelors|singles|single men|single women)',
      '(?:bachelors|singles) (?:only|not allowed)',
      'famil(?:y|ies) only',
      'no (?:se aceptan |se admiten )?solteros|solo (?:para )?(?:solteros|familias)',
      '(?:somente|apenas) (?:para )?(?:solteiros|familias)|nao aceita solteiros',
      '(?:لل)?(?:عائلات|عوائل|العائلات|العوائل) فقط',
      '(?:ممنوع|لا يوجر ل|غير مسموح ل|بدون)\\s*(?:ال|لل)?(?:عزاب|عزوبيه)',
      'عزاب فقط|للعزاب فقط',
    ],
    reason:
      'Excludes by marital status; unlawful in many US states and elsewhere, and may steer in the rest.',
  },
  // Religion.
  {
    id: 'fh.religion',
    protectedClass: 'religion',
    severity: 'blocking',
    patterns: [
      `(?:${RELIGIONS_EN}) (?:neighbou?rhood|community|area|building|families|family|home|tenants?|buyers?|owners?)`,
      `(?:${RELIGIONS_EN})s? only|no (?:${RELIGIONS_EN})s`,
      `(?:barrio|comunidad|zona|edificio|familia|familias) (?:${RELIGIONS_ES})s?`,
      `solo (?:${RELIGIONS_ES})s?`,
      `(?:bairro|comunidade|predio|familia|familias) (?:${RELIGIONS_PT})s?`,
      `(?:somente|apenas) (?:${RELIGIONS_PT})s?`,
      '(?:حي|منطقه|مجتمع|عماره) (?:مسيحي|مسلم|اسلامي|يهودي|سني|شيعي)',
      'لل(?:مسيحيين|مسلمين|يهود|سنه|شيعه) فقط',
    ],
    reason: 'States a religious preference (religion).',
  },
  // Race, colour, national origin.
  {
    id: 'fh.race',
    protectedClass: 'race_color',
    severity: 'blocking',
    patterns: [
      '(?:whites?|blacks?|asians?|hispanics?|latinos?|caucasians?) only',
      'no (?:blacks|whites|asians|hispanics|latinos|indians|africans|arabs|pakistanis|mexicans)',
      '(?:white|black|asian|hispanic|latino) (?:neighbou?rhood|community|area|building|families|tenants)',
      'solo (?:blancos|gente blanca)|no (?:negros|indigenas|gitanos)',
      '(?:somente|apenas) brancos|nao aceita(?:mos)? negros',
    ],
    reason: 'States a racial or colour preference (race, colour).',
  },
  {
    id: 'fh.national_origin',
    protectedClass: 'national_origin',
    severity: 'blocking',
    patterns: [
      'no (?:foreigners|immigrants|expats|non-?nationals)',
      '(?:locals|nationals|citizens|natives|english speakers) only',
      '(?:indians|arabs|europeans|westerners|americans|filipinos|africans) only',
      '(?:no se (?:aceptan|alquila a)|sin|no) (?:extranjeros|inmigrantes)',
      'solo (?:nacionales|locales|espanoles|colombianos|mexicanos)',
      '(?:nao aceita(?:mos)?|sem) (?:estrangeiros|imigrantes)',
      '(?:somente|apenas) brasileiros',
      '(?:ممنوع|بدون|لا يوجر لل?)\\s*(?:ال)?اجانب',
      'لل(?:مواطنين|سعوديين|عرب|اجانب|هنود) فقط',
    ],
    reason: 'Excludes or prefers people by national origin.',
  },
  // Disability.
  {
    id: 'fh.disability',
    protectedClass: 'disability',
    severity: 'blocking',
    patterns: [
      'able[- ]bodied',
      'physically fit|healthy (?:tenants|people|persons) only',
      'no (?:wheelchairs|disabled|handicapped|mentally ill)',
      'not (?:suitable|suited) for (?:the )?(?:disabled|handicapped|wheelchairs?)',
      'must be able to (?:walk|climb)',
      '(?:no (?:se aceptan )?|sin )(?:discapacitados|minusvalidos)',
      'no apto para (?:discapacitados|minusvalidos|personas con discapacidad)',
      'nao aceita(?:mos)? (?:deficientes|cadeirantes)',
      'nao (?:adequado|indicado) para (?:deficientes|cadeirantes|pessoas com deficiencia)',
      '(?:غير مناسب|لا يناسب) (?:ل|لل)?(?:ذوي الاعاقه|المعاقين|ذوي الاحتياجات الخاصه)',
      'ممنوع (?:ال)?معاقين',
    ],
    reason: 'Excludes people with disabilities (disability).',
  },
  // Sex.
  {
    id: 'fh.sex',
    protectedClass: 'sex',
    // An explicit restriction by sex blocks; a lawful shared-room letting is the operator's
    // recorded override, not the catalogue's assumption.
    severity: 'blocking',
    patterns: [
      '(?:females?|males?|women|men|ladies|gentlemen|girls|boys) only',
      'no (?:females|males|women|men)',
      'solo (?:para )?(?:mujeres|hombres|senoritas|caballeros|chicas|chicos)',
      '(?:somente|apenas|so) (?:para )?(?:mulheres|homens|mocas|rapazes)',
      'لل(?:نساء|سيدات|رجال|بنات|شباب) فقط',
    ],
    reason: 'Restricts by sex (sex); lawful only for shared living space: record the exemption.',
  },
  // Age.
  {
    id: 'fh.age',
    protectedClass: 'age',
    severity: 'warning',
    // A description of who would enjoy the home warns; excluding older people blocks (the
    // lexicon's fh.age.excluded).
    patterns: [
      'no students',
      '(?:perfect|ideal) for (?:young professionals|retirees|seniors|students)',
      'young professionals only|students only',
      'ideal para (?:jovenes|jubilados|estudiantes)',
      'ideal para (?:jovens|aposentados|estudantes)',
    ],
    reason: 'Describes or excludes people by age, which many jurisdictions protect.',
  },
  // Source of income (US states, the UK's "No DSS" rulings).
  {
    id: 'fh.income',
    protectedClass: 'source_of_income',
    severity: 'blocking',
    patterns: [
      'no (?:section 8|dss(?! (?:fees?|charges?|costs?))|housing benefits?|vouchers|universal credit)',
      '(?:section 8|dss|housing benefits?) (?:not accepted|not allowed)',
    ],
    reason: 'Excludes people by source of income (Section 8 vouchers, housing benefit).',
  },
  {
    id: 'fh.income.employment',
    protectedClass: 'source_of_income',
    severity: 'blocking',
    // Requiring a job, rather than enough income, excludes people whose income is a pension,
    // benefits or a voucher.
    patterns: [
      'must (?:be|currently be) (?:employed|working|in (?:full time )?employment)',
      '(?:employed|working) (?:tenants |applicants |professionals |people |persons )?only',
      'must have (?:a )?(?:full time |steady |permanent )?job',
      'only (?:tenants |applicants |people )?with (?:a )?(?:full time |steady |permanent )?(?:job|employment|payslips|pay stubs)',
      '(?:solo|unicamente|solamente) (?:para )?(?:trabajadores|asalariados|empleados)',
      '(?:solo|unicamente|solamente) (?:inquilinos |personas )?con (?:nomina|contrato (?:de trabajo|laboral|indefinido)|trabajo (?:fijo|estable))',
      '(?:somente|apenas|so) (?:para )?(?:assalariados|empregados|trabalhadores|quem tem carteira assinada)',
      '(?:somente|apenas|so) (?:inquilinos |pessoas )?com (?:carteira assinada|emprego fixo|holerite)',
      '(?:لل)?موظفين فقط',
    ],
    reason:
      'Requires employment, which excludes people by source of income (benefits, pensions, vouchers).',
  },
];

/**
 * The specific phrases above first (their ids are what operators already know), then the
 * general class-word-and-frame rules (see fairHousingLexicon.ts). A span flagged by an earlier
 * rule is not flagged again by a later one.
 */
export const FAIR_HOUSING_RULES: readonly FairHousingRule[] = [...PHRASE_RULES, ...LEXICON_RULES];

/** Lawful phrases that share words with a rule; masked before the rules run. */
export const FAIR_HOUSING_ALLOWED: readonly string[] = [
  'master bedroom',
  'master suite',
  'master bath(?:room)?',
  'family room',
  'walking distance',
  'walk-?in (?:closet|wardrobe|shower)',
  'wheelchair accessible',
  'bachelor (?:apartment|unit|flat|pad)',
  'mother-in-law (?:suite|unit|apartment)',
  'in-law (?:suite|unit)',
  'habitacion principal|dormitorio principal|suite principal',
  'a poca distancia|a pocos pasos',
  'quarto principal|suite master|suite principal',
  'a poucos passos|a pe de',
  'غرفه نوم رئيسيه|غرفه ماستر|الغرفه الرئيسيه',
  // Places named after a community describe the neighbourhood, not who may live there.
  `(?:${RELIGIONS_EN}|chinese|mexican|indian|african|latino|korean|italian) (?:community )?(?:centers?|centres?|church|churches|temples?|schools?|deli|museum|restaurants?|cemetery|market|grocery|quarter)`,
  'senior (?:housing|living|community)|(?:55|62) and (?:older|over)|55\\+ community',
  'silla de ruedas accesible|acceso para (?:personas con discapacidad|silla de ruedas)',
  // A lawful pet rule names the animals the law protects as its exception.
  '(?:except|but|other than|excluding|besides|apart from) (?:for )?(?:service|assistance|support|guide) (?:animals?|dogs?)',
  '(?:service|assistance|emotional support) (?:animals?|dogs?) (?:are )?(?:welcome|allowed|accepted|permitted|ok|exempt)',
  '(?:excepto|salvo|menos) (?:perros? guia|animales de (?:servicio|asistencia))',
  '(?:exceto|menos|salvo) (?:caes? guias?|animais de (?:servico|assistencia))',
  'wheelchair users? welcome',
  // "American kitchen" is an open-plan kitchen in Spanish and Portuguese listings.
  'cocina americana|cozinha americana|estilo americano|closet americano|barra americana',
];
