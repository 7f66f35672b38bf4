import type { AreaUnits, ExtractedField, LotSizeUnits } from '../../domain/listing';
import { NUMBER, parseNumber } from './numbers';
import { alt, AR_PREFIX, evidence, rx, WORD_START, type Doc } from './text';

/**
 * Sizes: a number followed by a unit ("850 sqft", "850 sq. ft.", "120 m²", "84 mts",
 * "175 metros", "٤٠٠ متر", "300م", "2 acres"). Land goes to the lot ("lote de 300 m2",
 * "مساحة الارض 280 م", acres, hectares); a terrace, a balcony, a street's width ("شارع 20م")
 * or a distance ("a 200 metros del parque") is not the property's size.
 */

/** Square yards (India, Pakistan: "200 sq yd", "240 gaj") are stored as square feet. */
type Unit = LotSizeUnits | 'sqyd';
const SQFT_PER_SQYD = 9;

const UNITS: readonly { unit: Unit; pattern: string; confidence: number }[] = [
  {
    unit: 'sqft',
    // Quebec writes square feet "pi²" (pieds carrés).
    pattern: String.raw`sq(?:uare)?\.?\s*(?:ft|feet|foot)\.?|sqft|sq\.?\s*f\.?|sft|sf|ft\.?\s?2|pies\s*cuadrados|pies2|pi\s?2|pieds\s*carres|قدم\s*مربع|قدم`,
    confidence: 0.9,
  },
  {
    unit: 'sqyd',
    pattern: String.raw`sq(?:uare)?\.?\s*(?:yds?|yards?)\.?|sqyds?|gaj|gaz`,
    confidence: 0.9,
  },
  {
    unit: 'sqm',
    pattern: String.raw`m\.?\s?2|mt2|mts2|mtrs2|metros\s*(?:cuadrados|quadrados)|metros2|sqm|sqmts?|sq\.?\s*m(?:eters?|etres?|trs?|ts?)?|square\s*met(?:er|re)s?|م\s?2|مترا\s*مربعا|متر\s*مربع|مترمربع|امتار\s*مربعه`,
    confidence: 0.9,
  },
  {
    unit: 'sqm',
    pattern: String.raw`mts|mtrs|mtr|mt|metros|metro|مترا|متر|امتار|م`,
    confidence: 0.8,
  },
  { unit: 'sqm', pattern: String.raw`m`, confidence: 0.7 },
  { unit: 'acres', pattern: String.raw`acres|acre|ac`, confidence: 0.85 },
  {
    unit: 'hectares',
    pattern: String.raw`hectareas|hectarea|hectares|hectare|ha|هكتارات|هكتار`,
    confidence: 0.85,
  },
];

const UNIT_PATTERN = UNITS.map((u, i) => `(?<u${i}>${u.pattern})`).join('|');
const AREA_PATTERN = rx(String.raw`(?<n>${NUMBER})\s*(?:${UNIT_PATTERN})(?![\p{L}\d])`);
const HALF_ACRE = rx(
  String.raw`${WORD_START}(?:a\s+)?(?<n>half|quarter)\s*(?:an?\s+)?acre${'(?![\\p{L}])'}`,
);

// South Africa's "erf" and Spain's "parcela" are the plot.
const LOT_WORDS = [
  'lot',
  'lot size',
  'land',
  'plot',
  'erf',
  'lote',
  'terreno',
  'parcela',
  'ارض',
  'الارض',
  'terrain',
];
const LIVING_WORDS = [
  'house',
  'بناء',
  'مباني',
  'living',
  'interior',
  'built',
  'construida',
  'construido',
  'privada',
  'util',
  'البناء',
  'المباني',
  'مسطح',
];
const SIZE_WORDS = [
  'area',
  'size',
  'superficie',
  'metraje',
  'tamano',
  'mide',
  'approx',
  'approximately',
  'مساحه',
  'مساحتها',
  'مساحته',
  'المساحه',
  'بمساحه',
  'مسطح',
];
const NOT_PROPERTY_WORDS = [
  'terraza',
  'terrace',
  'balcon',
  'balcony',
  'patio',
  'jardin',
  'garden',
  'deck',
  'yard',
  'garage',
  'garaje',
  'deposito',
  'bodega',
  'altillo',
  'attic',
  'بدروم',
  'قبو',
  'street',
  'calle',
  'height',
  'altura',
  'ceiling',
  'شارع',
  'شوارع',
  'عرض',
  'حوش',
  'الحوش',
  'بعد',
];

const wordsBefore = (words: readonly string[]) =>
  new RegExp(String.raw`${WORD_START}${AR_PREFIX}?(?:${alt(words)})(?:[^\d\n.;]{0,20})$`, 'u');
const LOT_BEFORE = wordsBefore(LOT_WORDS);
const LIVING_BEFORE = wordsBefore(LIVING_WORDS);
const SIZE_BEFORE = wordsBefore(SIZE_WORDS);
const NOT_PROPERTY_BEFORE = new RegExp(
  String.raw`${WORD_START}${AR_PREFIX}?(?:${alt(NOT_PROPERTY_WORDS)})(?:[^\d\n.;,)]{0,14})$`,
  'u',
);
const NOT_PROPERTY_AFTER =
  /^\s*(?:(?:de|of|del|da|do)\s+(?:la\s+|el\s+|the\s+)?(?:terraza|balcon|patio|jardin|terrace|balcony|yard|garden|deck|lote|terreno|frente|fondo|ancho|largo|fundo|testada)|(?:balcony|deck|patio|terrace|yard|garden|frontage|front|frente|fondo|wide|deep|long|road|street)(?![a-z]))/u;
/** Plain metres after "a"/"at", or before "del"/"from": a distance. */
const DISTANCE_BEFORE =
  /(?:^|[\s,(])(?:a|at|within|only|just|unos|menos\s+de|cerca\s+de|بعد)\s+$|(?:قريب|قريبه|يبعد|تبعد)\s+(?:من|عن)\s+[^\d\n]{0,15}$/u;
const DISTANCE_AFTER =
  /^\s*(?:del|from|away|walking|caminando|a\s+pie|to|da|do|ao|al|near|من)(?![\p{L}])/u;
/** "256 mts de área privada", "120 m2 construidos": the size named after the number. */
const SIZE_AFTER =
  /^\s*(?:de\s+)?(?:area|construid[oa]s?|privad[oa]s?|utiles|built|living|interior|مبني|بناء)(?![\p{L}])/u;
/** "N85m", "AED 12m", "asking 12m": a bare "m" after money is millions, not metres. */
const MONEY_BEFORE =
  /(?:[$€£₦¥]|(?:^|[^\p{L}])(?:n|r\$|ksh|kes|aed|usd|eur|gbp|sar|egp|ngn|inr|rs|price|asking|precio|valor|preco|for|at|السعر|بسعر))\s?$/u;
/** "de 80 a 100 m2", "80-100 m2": a range of units on offer, not this one's size. */
const RANGE_BEFORE = /\d{2}\s*(?:-|a|to|al|ate|ou|or|o)\s*$/u;
/** "10x12 ft", "12 x 14": a room's dimensions. */
const DIMENSION = /\d\s*[x×]\s*$|^\s*[x×]\s*\d/;
/** "2015م": م after a year is the Gregorian era, not metres. */
const YEAR_BEFORE = /(?:عام|سنه|تاريخ|موديل|year|ano)\s*$/u;

const PLAUSIBLE: Record<Unit, [number, number]> = {
  sqft: [80, 1_000_000],
  sqyd: [10, 1_000_000],
  sqm: [10, 1_000_000],
  acres: [0.05, 100_000],
  hectares: [0.05, 100_000],
};

interface Mention {
  value: number;
  unit: Unit;
  start: number;
  end: number;
  confidence: number;
  unitClarity: number;
  living: boolean;
  lot: boolean;
}

/** A mention in the units the listing schema stores. */
function stored(m: Mention): Mention & { unit: LotSizeUnits } {
  return m.unit === 'sqyd'
    ? { ...m, value: Math.round(m.value * SQFT_PER_SQYD * 100) / 100, unit: 'sqft' }
    : { ...m, unit: m.unit };
}

function mentions(doc: Doc): Mention[] {
  const { folded } = doc;
  const found: Mention[] = [];
  for (const match of folded.matchAll(AREA_PATTERN)) {
    const digits = match.groups?.n ?? '';
    const value = parseNumber(digits);
    const index = UNITS.findIndex((_, i) => match.groups?.[`u${i}`] !== undefined);
    const spec = UNITS[index];
    if (value === null || !spec) continue;
    const start = match.index;
    const end = start + match[0].length;
    const before = folded.slice(Math.max(0, start - 40), start);
    const after = folded.slice(end, end + 30);
    const [min, max] = PLAUSIBLE[spec.unit];
    if (value < min || value > max) continue;
    if (DIMENSION.test(before) || DIMENSION.test(folded.slice(start + digits.length, end + 3)))
      continue;
    if (NOT_PROPERTY_BEFORE.test(before) || NOT_PROPERTY_AFTER.test(after)) continue;
    const plainMetres = spec.confidence < 0.9 && spec.unit === 'sqm';
    if (plainMetres && (DISTANCE_BEFORE.test(before) || DISTANCE_AFTER.test(after))) continue;
    if (plainMetres && YEAR_BEFORE.test(before)) continue;
    if (spec.confidence < 0.8 && MONEY_BEFORE.test(before)) continue;
    if (RANGE_BEFORE.test(before)) continue;
    const land = spec.unit === 'acres' || spec.unit === 'hectares';
    // "420 m2 construidos en lote de 2.000 m2": the word nearer the number says what it is.
    const livingAt = LIVING_BEFORE.exec(before)?.index ?? -1;
    const lotAt = LOT_BEFORE.exec(before)?.index ?? -1;
    const living = livingAt >= 0 && livingAt > lotAt;
    const lot = land || lotAt > livingAt;
    const labelled = SIZE_BEFORE.test(before) || living || SIZE_AFTER.test(after) || lot;
    found.push({
      value,
      unit: spec.unit,
      start,
      end,
      confidence: Math.min(0.95, spec.confidence + (labelled ? 0.05 : 0)),
      unitClarity: spec.confidence,
      living,
      lot,
    });
  }
  for (const match of folded.matchAll(HALF_ACRE)) {
    const value = match.groups?.n === 'half' ? 0.5 : 0.25;
    found.push({
      value,
      unit: 'acres',
      start: match.index,
      end: match.index + match[0].length,
      confidence: 0.8,
      unitClarity: 0.8,
      living: false,
      lot: true,
    });
  }
  return found;
}

/**
 * A size named as built or living area wins ("مساحة البناء 400م" over "مساحة 480م", which is
 * then most likely the plot); then the clearest unit ("m2" over a bare "m"); then the first
 * written, the headline size.
 */
function best<M extends Mention>(list: M[]): M | undefined {
  let winner: M | undefined;
  for (const m of list) {
    if (
      !winner ||
      (m.living && !winner.living) ||
      (m.living === winner.living && m.unitClarity > winner.unitClarity)
    ) {
      winner = m;
    }
  }
  return winner;
}

export interface AreaReading {
  LivingArea?: ExtractedField<number>;
  LivingAreaUnits?: ExtractedField<AreaUnits>;
  LotSizeArea?: ExtractedField<number>;
  LotSizeUnits?: ExtractedField<LotSizeUnits>;
}

export function extractArea(doc: Doc): AreaReading {
  const all = mentions(doc).map(stored);
  const reading: AreaReading = {};
  const living = best(all.filter((m) => !m.lot && (m.unit === 'sqft' || m.unit === 'sqm')));
  const lot = best(all.filter((m) => m.lot));
  if (living && (living.unit === 'sqft' || living.unit === 'sqm')) {
    const ev = evidence(doc, living.start, living.end);
    reading.LivingArea = { value: living.value, evidence: ev, confidence: living.confidence };
    reading.LivingAreaUnits = { value: living.unit, evidence: ev, confidence: living.confidence };
  }
  if (lot) {
    const ev = evidence(doc, lot.start, lot.end);
    reading.LotSizeArea = { value: lot.value, evidence: ev, confidence: lot.confidence };
    reading.LotSizeUnits = { value: lot.unit, evidence: ev, confidence: lot.confidence };
  }
  return reading;
}
