/**
 * The words that name people by national origin, for every country rather than the few an
 * ad-writer here happened to think of: country names come from the runtime's CLDR data
 * (Intl.DisplayNames in en, es, pt and ar), demonyms are derived from those names by each
 * language's regular suffixes, and a compact list adds the irregular ones ("Chinese",
 * "Filipinos", "venezolanos", "الهنود"). Derived forms that are not words ("Peruians") cost
 * nothing: no text contains them.
 *
 * Each language returns two sets: nouns, which name people wherever they stand ("Nigerians",
 * "venezolanos", "السوريين"), and adjectives, which name people only next to a people noun or
 * at the end of a phrase ("Polish tenants", "No Chinese."; not "Chinese drywall", "cocina
 * americana"). Everything is written folded (lower case, no accents), as the catalogue is.
 */

import { fold } from '../extraction/text';

type Lang = 'en' | 'es' | 'pt' | 'ar';

/** ISO 3166-1 alpha-2 codes: the countries and territories CLDR names. */
const REGIONS = (
  'AD AE AF AG AI AL AM AO AR AS AT AU AW AZ BA BB BD BE BF BG BH BI BJ BM BN BO BR BS BT BW BY ' +
  'BZ CA CD CF CG CH CI CK CL CM CN CO CR CU CV CW CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET ' +
  'FI FJ FM FR GA GB GD GE GH GI GL GM GN GQ GR GT GU GW GY HK HN HR HT HU ID IE IL IN IQ IR IS ' +
  'IT JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MG ' +
  'MH MK ML MM MN MO MR MT MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NZ OM PA PE PG PH PK PL PR ' +
  'PS PT PW PY QA RO RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ TD TG TH TJ ' +
  'TL TM TN TO TR TT TV TW TZ UA UG US UY UZ VA VC VE VN VU WS XK YE ZA ZM ZW'
).split(' ');

/** "Congo - Kinshasa" → "congo", "Myanmar (Burma)" → "myanmar"; nothing a regex reads as syntax. */
function countryNames(lang: Lang): string[] {
  const names = new Intl.DisplayNames([lang], { type: 'region' });
  const out = new Set<string>();
  for (const code of REGIONS) {
    const name = names.of(code);
    if (!name || name === code) continue;
    const plain = fold(name)
      .replace(/\(.*?\)/g, ' ')
      .replace(/ - .*$/, '')
      .replace(/[^\p{L}\s'-]/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (plain.length > 2) out.add(plain);
  }
  return [...out];
}

/** English demonyms by the regular suffixes: Nigeria → Nigerian, Mexico → Mexican, Iraq → Iraqi. */
function englishDemonyms(name: string): string[] {
  if (name.includes(' ')) return [];
  if (/ia$|a$/.test(name)) return [`${name}n`];
  if (/o$/.test(name)) return [`${name.slice(0, -1)}an`];
  if (/stan$/.test(name)) return [`${name}i`];
  if (/[iu]$/.test(name)) return [`${name}an`];
  if (/y$/.test(name)) return [`${name.slice(0, -1)}ian`, `${name}an`];
  if (/e$/.test(name)) return [`${name}an`];
  return [`${name}i`, `${name}ian`];
}

/** Spanish and Portuguese: Colombia → colombiano, Siria → sirio (both genders by the caller). */
function romanceDemonymStems(name: string): string[] {
  if (name.includes(' ')) return [];
  if (/ia$/.test(name)) return [`${name.slice(0, -1)}an`, name.slice(0, -1)];
  if (/[ao]$/.test(name)) return [`${name.slice(0, -1)}an`];
  return [];
}

/** Arabic nisba: سوريا → سوري, مصر → مصري, العراق → عراقي, السعودية → سعودي. */
function arabicNisba(name: string): string[] {
  // The country's own word, not "Republic", "Kingdom" or a compass point ("جنوبي" is also
  // "south-facing").
  const word = name
    .split(' ')
    .find(
      (w) =>
        w.length > 2 && !/^(?:ال)?(?:جمهوريه|مملكه|دوله|جزر|جزيره|ولايات|اتحاد|جنوب|شمال)$/.test(w),
    );
  if (!word) return [];
  const stem = word.replace(/^ال/, '').replace(/(?:يه|يا|ا|ه)$/, '');
  return stem.length > 1 ? [stem] : [];
}

/** Irregular or collective forms the suffix rules miss. */
const EN_NOUNS =
  'foreigners|immigrants|migrants|expats|expatriates|refugees|asylum seekers|non nationals|non citizens|aliens|' +
  'arabs|africans|europeans|westerners|easterners|latin americans|middle easterners|south asians|east asians|' +
  'filipinos|filipinas|peruvians|argentines|argentinians|germans|greeks|afghans|kurds|saudis|emiratis|canadians|' +
  'ghanaians|panamanians|salvadorans|hondurans|ecuadorians|uzbeks|kazakhs|tajiks|thais|poles|danes|swedes|finns|' +
  'scots|brits|turks|serbs|croats|czechs|slovaks|kosovars|somalis|bangladeshis|nepalis|israelis|yemenis|omanis|' +
  'kuwaitis|qataris|bahrainis|palestinians|iranians|persians|russians|ukrainians|romanians|moldovans|albanians|' +
  'armenians|georgians|azerbaijanis|mexicans|americans|indians|chinese people|japanese people|frenchmen|englishmen|' +
  'irishmen|dutchmen|yankees|gringos|chicanos|hispanos|latinx|us citizens?|american citizens?|british citizens?|canadian citizens?|citizens|nationals';
const EN_ADJECTIVES =
  'foreign|immigrant|migrant|expat|non national|non citizen|chinese|japanese|vietnamese|lebanese|sudanese|' +
  'senegalese|portuguese|taiwanese|burmese|nepalese|congolese|togolese|maltese|bhutanese|guyanese|irish|' +
  'scottish|welsh|british|swedish|finnish|kurdish|thai|filipino|filipina|peruvian|argentine|german|greek|afghan|' +
  'arab|arabic|saudi|emirati|canadian|ghanaian|panamanian|dominican|salvadoran|honduran|ecuadorian|somali|' +
  'bangladeshi|nepali|israeli|yemeni|palestinian|russian|ukrainian|nigerian|korean|african|european|asian|' +
  'western|middle eastern|south asian|east asian|desi|latin american|indian|mexican|jamaican|haitian|cuban|' +
  'pakistani|iraqi|iranian|syrian|egyptian|moroccan|algerian|ethiopian|eritrean|kenyan|venezuelan|colombian|' +
  'brazilian|puerto rican';
/** Adjectives that are also common words or describe things ("French doors", "Turkish bath"). */
const EN_THING_ADJECTIVES =
  'polish|french|english|spanish|turkish|persian|american|italian|swiss|danish|dutch';

const ES_STEMS =
  'venezolan|colombian|peruan|ecuatorian|bolivian|chilen|argentin|uruguay|paraguay|cuban|dominican|haitian|' +
  'mexican|guatemaltec|honduren|salvadoren|nicaraguens|costarricens|panamen|puertorriquen|brasilen|' +
  'african|marroqu|argelin|nigerian|chin|filipin|corean|japones|pakistan|arab|siri|libanes|rus|ucranian|ruman|' +
  'polac|aleman|frances|ingles|italian|portugues|espanol|europe|asiatic|latin|latinoamerican|sudamerican|' +
  'centroamerican|norteamerican|estadounidens|gring|senegales|ghanes|camerun|indi|hindu';
const PT_STEMS =
  'venezuelan|colombian|peruan|equatorian|bolivian|chilen|argentin|uruguai|paraguai|cuban|dominican|haitian|' +
  'mexican|african|angolan|mocambican|caboverdian|guineens|nigerian|senegales|congoles|marroquin|argelin|chines|' +
  'japones|corean|filipin|arab|siri|libanes|russ|ucranian|romen|polones|alema|frances|ingles|italian|portugues|' +
  'espanhol|europe|asiatic|latin|latinoamerican|sulamerican|norteamerican|estadunidens|brasileir|nordestin|' +
  'paulist|carioc|gauch|baian|indian|bengal|paquistanes|haitian|estrangeir|imigrant|refugiad';
const AR_NOUNS =
  'الاجانب|اجانب|الوافدين|وافدين|الوافدون|المغتربين|العماله الوافده|المواطنين|مواطنين|الجنسيات|جنسيات|العرب|عرب|' +
  'الهنود|هنود|الافارقه|افارقه|الاسيويين|اسيويين|الخليجيين|الاتراك|الاكراد|الروس|الفرس|البدون|اللاجئين|لاجئين|' +
  'النازحين|الغربيين|الاوروبيين|الامريكان|الامريكيين|العماله الوافده|العماله الاجنبيه|العماله الاسيويه|عماله وافده|عماله اجنبيه|البنغال|البنغاليين|بنغاليين|السعوديين|سعوديين';
/** Nisbas the country names do not yield (Saudi Arabia's first word is "Arabian"). */
const AR_ADJECTIVES =
  'سعودي|سعوديه|خليجي|خليجيه|اجنبي|اجنبيه|وافد|وافده|مواطن|مواطنه|عربي|عربيه|اسيوي|اسيويه|افريقي|افريقيه|امريكي|اوروبي|بنغالي';
/** Spanish and Portuguese adjectives the stems miss ("marroquí", "saudita"). */
const ES_ADJECTIVES =
  'marroqui|pakistani|paquistani|iraqui|irani|israeli|saudi|yemeni|kuwaiti|qatari|arabe|hindu|bengali|nepali|estadounidense|canadiense';
const PT_ADJECTIVES =
  'marroquino|marroquina|arabe|hindu|saudita|israelense|iraniano|iraniana|estadunidense|canadense';
/** Irregular Spanish and Portuguese plurals the stems miss. */
const ES_NOUNS =
  'extranjeros|extranjeras|inmigrantes|migrantes|refugiados|expatriados|foraneos|marroquies|marroquis|' +
  'pakistanies|pakistanis|hindues|arabes|iranies|iraquies|israelies|yemenies|saudies|sudacas|moros|gringos';
const PT_NOUNS =
  'estrangeiros|estrangeiras|imigrantes|migrantes|refugiados|expatriados|paquistaneses|hindus|arabes|' +
  'iranianos|iraquianos|israelenses|sauditas|gringos|baianos|nordestinos';

/**
 * Spanish and Portuguese stems in all genders and numbers, grouped by ending so that each
 * suffix set is written once: "colombian" → colombian[oa]s?, "frances" → frances(?:es|as?)?.
 */
function romanceForms(stems: string[]): string {
  const ens = stems.filter((s) => s.endsWith('ens'));
  const s_ = stems.filter((s) => s.endsWith('s') && !s.endsWith('ens'));
  const rest = stems.filter((s) => !s.endsWith('s'));
  return [
    ens.length ? `(?:${ens.join('|')})es?` : '',
    s_.length ? `(?:${s_.join('|')})(?:es|as?)?` : '',
    rest.length ? `(?:${rest.join('|')})(?:[oa]s?|es|e)` : '',
  ]
    .filter(Boolean)
    .join('|');
}

/** Entries are plain words or phrases (no "|" inside a group), so a list splits on "|". */
const unique = (xs: string[]) =>
  [...new Set(xs.filter((x) => x.length > 2))].sort((a, b) => b.length - a.length);

export interface OriginWords {
  /** Words that name people on their own. */
  nouns: string;
  /** Words that name people only next to a people noun or at a phrase's end. */
  adjectives: string;
  /** Words that name people only next to a people noun. */
  thingAdjectives: string;
  /** "from <country>" / "de <país>" / "من <بلد>" phrases, to follow a people noun. */
  fromCountry: string;
}

const THING = new Set(EN_THING_ADJECTIVES.split('|'));

function build(): Record<Lang, OriginWords> {
  const en = countryNames('en');
  const enDemonyms = unique(en.flatMap(englishDemonyms));
  const es = countryNames('es');
  const pt = countryNames('pt');
  const ar = countryNames('ar');
  const esStems = unique([...ES_STEMS.split('|'), ...es.flatMap(romanceDemonymStems)]);
  const ptStems = unique([...PT_STEMS.split('|'), ...pt.flatMap(romanceDemonymStems)]);
  const arStems = unique(ar.flatMap(arabicNisba));
  const alt = (xs: string[]) => unique(xs).join('|');
  return {
    en: {
      nouns: alt([...EN_NOUNS.split('|'), ...enDemonyms.map((d) => `${d}s`)]),
      adjectives: alt([...EN_ADJECTIVES.split('|'), ...enDemonyms].filter((d) => !THING.has(d))),
      thingAdjectives: EN_THING_ADJECTIVES,
      fromCountry: `(?:from|born in) (?:the )?(?:${alt(en)})`,
    },
    es: {
      // Plurals stand alone ("venezolanos"); singulars follow a people noun ("inquilino chileno").
      nouns: `${alt(ES_NOUNS.split('|'))}|(?:${esStems.join('|')})(?:os|as|es)`,
      adjectives: `${ES_ADJECTIVES}|${romanceForms(esStems)}`,
      thingAdjectives: 'americano|americana',
      fromCountry: `(?:de|del|procedentes de|provenientes de|originarios de|nacidos en) (?:la |el |los )?(?:${alt(es)})`,
    },
    pt: {
      nouns: `${alt(PT_NOUNS.split('|'))}|(?:${ptStems.join('|')})(?:os|as|es)`,
      adjectives: `${PT_ADJECTIVES}|${romanceForms(ptStems)}`,
      thingAdjectives: 'americano|americana',
      fromCountry: `(?:de|do|da|dos|das|vindos d[oa]s?|vindos de|oriundos d[oa]s?|oriundos de|nascidos em|nascidos n[oa]) (?:${alt(pt)})`,
    },
    ar: {
      // Nisba plurals ("السوريين") and singulars ("سوري"), and "the X nationality" ("الجنسيه الهنديه").
      nouns: `${alt(AR_NOUNS.split('|'))}|(?:${arStems.join('|')})(?:يين|يون|ين)|(?:ال)?جنسي(?:ه|ات) (?:ال)?(?:${arStems.join('|')})يه`,
      adjectives: `${alt(AR_ADJECTIVES.split('|'))}|(?:${arStems.join('|')})يه?`,
      thingAdjectives: '',
      fromCountry: `(?:من|القادمين من|القادمون من) (?:${alt(ar)})`,
    },
  };
}

export const ORIGIN_WORDS: Record<Lang, OriginWords> = build();
