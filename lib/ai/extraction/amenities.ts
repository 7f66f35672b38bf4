import type { ExtractedField } from '../../domain/listing';
import { FEATURES } from './feature-words';
import { alt, AR_PREFIX, evidence, fold, rx, WORD_END, WORD_START, type Doc } from './text';

/**
 * Yes/no facts and amenities: furnished, pets, and a catalogue of features reported under
 * canonical English keys whatever the listing's language. A negation just before a feature
 * ("no elevator", "sin ascensor", "sem piscina", "بدون مسبح") drops it.
 */

interface Flag {
  value: boolean;
  phrases: readonly string[];
}

const FURNISHED: readonly Flag[] = [
  {
    value: false,
    phrases: [
      'unfurnished',
      'not furnished',
      'sin amoblar',
      'sin amueblar',
      'sin muebles',
      'no amoblado',
      'no amueblado',
      'sem mobilia',
      'nao mobiliado',
      'sem moveis',
      'غير مفروش',
      'غير مفروشه',
      'بدون اثاث',
      'غير موثث',
    ],
  },
  {
    value: true,
    phrases: [
      'furnished',
      'fully furnished',
      'amoblado',
      'amoblada',
      'amueblado',
      'amueblada',
      'mobiliado',
      'mobiliada',
      'mobilado',
      'mobilada',
      'مفروش',
      'مفروشه',
      'موثث',
      'موثثه',
      'مؤثث',
    ],
  },
];

const PETS: readonly Flag[] = [
  {
    value: false,
    phrases: [
      'no pets',
      'no pet',
      'pets not allowed',
      'no dogs',
      'no cats',
      'no animals',
      'no se aceptan mascotas',
      'no se permiten mascotas',
      'no mascotas',
      'sin mascotas',
      'nao aceita animais',
      'nao aceita pets',
      'nao sao permitidos animais',
      'ممنوع الحيوانات',
      'لا يسمح بالحيوانات',
    ],
  },
  {
    value: true,
    phrases: [
      'pets ok',
      'pets okay',
      'pets allowed',
      'pets welcome',
      'pets are welcome',
      'pets are allowed',
      'pet friendly',
      'pet-friendly',
      'cats ok',
      'dogs ok',
      'cats allowed',
      'dogs allowed',
      'cats and dogs welcome',
      'pets considered',
      'se aceptan mascotas',
      'mascotas permitidas',
      'acepta mascotas',
      'aceptan mascotas',
      'aceita pets',
      'aceita animais',
      'aceitamos pets',
      'aceita-se animais',
      'يسمح بالحيوانات',
    ],
  },
];

/** Phrases are matched on folded text, so they are folded too ("حدائق" is read as "حدايق"). */
function phraseKey(phrase: string): string {
  return fold(phrase).replace(/\s+/g, ' ');
}

function flagPattern(flags: readonly Flag[]): { pattern: RegExp; values: Map<string, boolean> } {
  const values = new Map<string, boolean>();
  for (const flag of flags) for (const p of flag.phrases) values.set(phraseKey(p), flag.value);
  return {
    pattern: rx(
      String.raw`${WORD_START}${AR_PREFIX}(?<phrase>${alt([...values.keys()])})${WORD_END}`,
    ),
    values,
  };
}

/** The canonical feature keys, for schemas that must list them (the OpenAI structured output). */
export const FEATURE_KEYS: readonly string[] = Object.keys(FEATURES);

const FURNISHED_RULE = flagPattern(FURNISHED);
const PETS_RULE = flagPattern(PETS);

const FEATURE_BY_PHRASE = new Map<string, string>(
  Object.entries(FEATURES).flatMap(([key, phrases]) =>
    phrases.map((p) => [phraseKey(p), key] as const),
  ),
);
const FEATURE_PATTERN = rx(
  String.raw`${WORD_START}${AR_PREFIX}(?<phrase>${alt([...FEATURE_BY_PHRASE.keys()])})${WORD_END}`,
);
const NEGATED =
  /(?:^|[^\p{L}])(?:no|not|without|sin|no\s+tiene|no\s+hay|sem|nao\s+tem|بدون|لا\s+يوجد|ما\s+فيه|غير)\s+(?:\p{L}+\s+)?$/u;

/** Phrases that share a feature's word but mean something else. */
const NOT_FEATURE_AFTER: Record<string, RegExp> = {
  security: /^\s*deposit/,
  // "depósito 2 meses", "depósito de un mes": the rent's deposit, not a storeroom.
  storage: /^\s*(?:de\s+garantia|(?:de\s+)?(?:\d+|un|una|um|uma)\s+(?:mes|meses|month|months))/,
  // "esquina con Calle 5", "na esquina da Rua X": an address, not the unit's position.
  corner_unit: /^\s*(?:de|con|com|da|do|entre|y)\s/,
  // A "terrace duplex" or "terrace house" is a row house (Nigeria, Britain); Cairo's "Garden
  // City" is a district.
  terrace: /^\s*(?:duplex|house|houses|home|bungalow|cottage)(?![\p{L}])/u,
  // A Chicago "garden unit" or "garden level" is a half-sunk ground floor.
  garden: /^\s*(?:city|unit|level)(?![\p{L}])/u,
};

/** The same, told by the words before the phrase. */
const NOT_FEATURE_BEFORE: Record<string, RegExp> = {
  // "a three bed terrace", "mid terrace", "end of terrace", "Victorian terrace": a British or
  // Australian row house.
  terrace: /(?:bed|bedroom|bedroomed|mid|end|end\s+of|victorian|georgian|edwardian|period)[\s-]*$/,
  // "Ciudad Jardín" is a district (Cali, Seville), not the unit's garden.
  garden: /ciudad\s+$/,
  // "garantía ANDA o depósito": a deposit offered instead of a guarantor, not a storeroom.
  storage: /(?:garantia|aval|fiador|guarantor)[^\n.]{0,12}\s(?:o|ou|or)\s+$/,
  // "first + last + security": the deposit a tenant pays.
  security: /last\s*(?:\+|&|and)\s*$/,
};
/**
 * "Paddington terrace for sale": a terrace the listing sells is the row house itself, unless
 * it is one the dwelling has ("penthouse with terrace for sale").
 */
const SOLD_AFTER = /^\s*(?:for\s+sale|to\s+let|for\s+rent)(?![\p{L}])/u;
const HAS_BEFORE = /(?:with|and|&|\+|,|private|roof|rooftop|large|big|sunny|covered|\d)\s*$/;
function rowHouseForSale(folded: string, start: number, end: number): boolean {
  return (
    SOLD_AFTER.test(folded.slice(end, end + 16)) &&
    !HAS_BEFORE.test(folded.slice(Math.max(0, start - 12), start))
  );
}

/** "partially furnished" says neither yes nor no. */
const PARTLY = /(?:partially|partly|semi|medio|parcialmente)[\s-]?$/;

function normalise(phrase: string): string {
  return phrase.replace(/\s+/g, ' ');
}

function readFlag(
  doc: Doc,
  rule: ReturnType<typeof flagPattern>,
): ExtractedField<boolean> | undefined {
  const found: { value: boolean; start: number; end: number }[] = [];
  for (const match of doc.folded.matchAll(rule.pattern)) {
    const value = rule.values.get(normalise(match.groups?.phrase ?? ''));
    if (
      value === undefined ||
      PARTLY.test(doc.folded.slice(Math.max(0, match.index - 12), match.index))
    ) {
      continue;
    }
    found.push({ value, start: match.index, end: match.index + match[0].length });
  }
  const first = found[0];
  if (!first) return undefined;
  const conflicting = found.some((f) => f.value !== first.value);
  return {
    value: first.value,
    evidence: evidence(doc, first.start, first.end),
    confidence: conflicting ? 0.5 : 0.85,
  };
}

export interface AmenitiesReading {
  Furnished?: ExtractedField<boolean>;
  PetsAllowed?: ExtractedField<boolean>;
  Features?: ExtractedField<string>[];
}

export function extractAmenities(doc: Doc): AmenitiesReading {
  const reading: AmenitiesReading = {};
  const furnished = readFlag(doc, FURNISHED_RULE);
  if (furnished) reading.Furnished = furnished;
  const pets = readFlag(doc, PETS_RULE);
  if (pets) reading.PetsAllowed = pets;

  const features = new Map<string, ExtractedField<string>>();
  for (const match of doc.folded.matchAll(FEATURE_PATTERN)) {
    const key = FEATURE_BY_PHRASE.get(normalise(match.groups?.phrase ?? ''));
    if (!key || features.has(key)) continue;
    const end = match.index + match[0].length;
    if (NEGATED.test(doc.folded.slice(Math.max(0, match.index - 20), match.index))) continue;
    if (NOT_FEATURE_AFTER[key]?.test(doc.folded.slice(end, end + 20))) continue;
    const before = NOT_FEATURE_BEFORE[key];
    if (before?.test(doc.folded.slice(Math.max(0, match.index - 30), match.index))) continue;
    if (key === 'terrace' && rowHouseForSale(doc.folded, match.index, end)) continue;
    features.set(key, {
      value: key,
      evidence: evidence(doc, match.index, end),
      confidence: 0.8,
    });
  }
  if (features.size > 0) reading.Features = [...features.values()];
  return reading;
}
