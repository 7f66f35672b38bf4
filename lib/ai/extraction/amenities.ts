import type { ExtractedField } from '../../domain/listing';
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

/** Canonical key → phrases (folded). */
const FEATURES: Record<string, readonly string[]> = {
  pool: [
    'pool',
    'swimming pool',
    'piscina',
    'مسبح',
    'حمام سباحه',
    'pools',
    'swimming pools',
    'piscinas',
    'alberca',
    'albercas',
    'مسابح',
    'حمامات سباحه',
    // French, beside Arabic in Moroccan listings.
    'piscine',
  ],
  gym: [
    'gym',
    'fitness center',
    'fitness centre',
    'gimnasio',
    'academia',
    'نادي رياضي',
    'جيم',
    'gyms',
    'fitness room',
    'gimnasios',
    'ginasio',
    'نادي صحي',
    'صاله رياضيه',
    'صاله العاب رياضيه',
    'صاله جيم',
  ],
  elevator: [
    'elevator',
    'lift',
    'ascensor',
    'elevador',
    'مصعد',
    'elevators',
    'lifts',
    'ascensores',
    'elevadores',
    'مصاعد',
    'اسانسير',
    'اسانسيرات',
    'اصانصير',
  ],
  balcony: [
    'balcony',
    'balcon',
    'sacada',
    'varanda',
    'بلكونه',
    'شرفه',
    'balconies',
    'balcones',
    'varandas',
    'sacadas',
    'بلكون',
    'بلكونات',
    'بلكونتين',
    'بالكونه',
    'شرفات',
    'شرفتين',
  ],
  terrace: [
    'terrace',
    'terraza',
    'terraco',
    'roof deck',
    'سطح',
    'terraces',
    'terrazas',
    'terracos',
    'تراس',
    'تراسات',
  ],
  garden: [
    'garden',
    'yard',
    'jardin',
    'jardim',
    'quintal',
    'حديقه',
    'gardens',
    'jardines',
    'jardins',
    'حدائق',
    'حديقتين',
    'جنينه',
  ],
  fireplace: ['fireplace', 'chimenea', 'lareira', 'chimeneas', 'lareiras', 'مدفاه'],
  air_conditioning: [
    'air conditioning',
    'central air',
    'a/c',
    'aire acondicionado',
    'ar condicionado',
    'مكيفات',
    'مكيف',
    'تكييف',
    'air conditioned',
    'air-conditioned',
    'ar-condicionado',
    'climatizado',
    'climatizada',
    'مكيفه',
    'تكييفات',
  ],
  heating: ['heating', 'calefaccion', 'aquecimento', 'تدفئه'],
  laundry: [
    'laundry',
    'washer',
    'lavanderia',
    'zona de ropas',
    'area de servico',
    'غسيل',
    'غرفه غسيل',
    'lavadero',
    'lavandaria',
  ],
  dishwasher: [
    'dishwasher',
    'lavaplatos',
    'lavavajillas',
    'lava-loucas',
    'lava loucas',
    'lava-louca',
    'غساله صحون',
    'غساله اطباق',
  ],
  security: [
    'security',
    'gated',
    'vigilancia',
    'seguridad',
    'porteria',
    'portaria',
    'cctv',
    'حراسه',
    'seguranca',
    'security guard',
    'حارس',
    'كاميرات مراقبه',
    'امن وحراسه',
  ],
  storage: [
    'storage',
    'deposito',
    'bodega',
    'cuarto util',
    'مستودع',
    'مخزن',
    'storeroom',
    'store room',
    'trastero',
    'baulera',
  ],
  parking: [
    'parking',
    'car space',
    'car spaces',
    'car park',
    'carport',
    'garage',
    'parqueadero',
    'garaje',
    'estacionamiento',
    'garagem',
    'vaga',
    'موقف',
    'مواقف',
    'كراج',
    'مدخل سياره',
    'parqueo',
    'parqueos',
    'parqueaderos',
    'estacionamientos',
    'garajes',
    'garagens',
    'vagas',
    'cochera',
    'cocheras',
    'جراج',
    'جراش',
    'باركنج',
    'باركينج',
    // Australia's "4 bed 2 bath 2 car": car spaces, counted like the rooms before them.
    '1 car',
    '2 car',
    '3 car',
    '4 car',
  ],
  bbq: ['bbq', 'barbecue', 'grill', 'churrasqueira', 'شواء', 'parrilla', 'asador', 'quincho'],
  playground: [
    'playground',
    'parque infantil',
    'zona infantil',
    'sala infantil',
    'playground infantil',
    'العاب اطفال',
    'kids play area',
    "children's play area",
    'area de juegos',
    'juegos infantiles',
    'brinquedoteca',
    'ملعب اطفال',
    'ملاعب اطفال',
    'منطقه العاب',
  ],
  maid_room: [
    'maid room',
    "maid's room",
    'cuarto de servicio',
    'dependencia de empregada',
    'غرفه خادمه',
    'غرفه شغاله',
    'غرفه عامله',
    'maids room',
    'quarto de empregada',
    'غرفه خدامه',
    // Gulf listings: "4 bed + maid" is a maid's room, never a service.
    'maid',
    "maid's",
    'maids',
  ],
  driver_room: ['driver room', "driver's room", 'غرفه سائق', 'غرفه سايق', 'غرفه سواق'],
  // What the windows face, and where the unit sits: features buyers search for.
  sea_view: [
    'sea view',
    'sea views',
    'ocean view',
    'ocean views',
    'bay view',
    'bay views',
    'harbour view',
    'harbor view',
    'harbour views',
    'harbor views',
    'vista al mar',
    'vistas al mar',
    'vista mar',
    'vista para el mar',
    'vista para o mar',
    'vista do mar',
    'vista sobre o mar',
    'اطلاله علي البحر',
    'اطلاله بحريه',
    'مطل علي البحر',
    'مطله علي البحر',
    'sea-view',
    'ocean-view',
    'vista al oceano',
    'vista para o oceano',
    'vista panoramica al mar',
    'vistas panoramicas al mar',
    'vista panoramica para o mar',
    'vista panoramica do mar',
    'فيو البحر',
    'فيو بحر',
    'اطلاله بحر',
    'اطلاله مباشره علي البحر',
    'تطل علي البحر',
    'يطل علي البحر',
  ],
  river_view: [
    'river view',
    'river views',
    'vista al rio',
    'vistas al rio',
    'vista rio',
    'vista para o rio',
    'vista do rio',
    'vista sobre o rio',
    'اطلاله علي النيل',
    'اطلاله علي النهر',
    'مطل علي النيل',
    'مطل علي النهر',
    'مطله علي النيل',
    'river-view',
    'vista ao rio',
    'فيو النيل',
    'فيو نيل',
    'اطلاله نيليه',
    'تطل علي النيل',
    'يطل علي النيل',
    'تطل علي النهر',
    'يطل علي النهر',
  ],
  lake_view: ['lake view', 'lake views', 'vista al lago', 'vista para o lago'],
  city_view: [
    'city view',
    'city views',
    'skyline view',
    'skyline views',
    'vista a la ciudad',
    'vistas a la ciudad',
    'vista para a cidade',
    'vista da cidade',
    'اطلاله علي المدينه',
  ],
  corner_unit: [
    'corner unit',
    'corner lot',
    'corner apartment',
    'corner house',
    'corner plot',
    'corner flat',
    'esquinera',
    'esquinero',
    'esquina',
    'زاويه',
    'ركنيه',
    'ناصيه',
    'علي ناصيتين',
  ],
};

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
  storage: /^\s*de\s+garantia/,
  // "esquina con Calle 5", "na esquina da Rua X": an address, not the unit's position.
  corner_unit: /^\s*(?:de|con|com|da|do|entre|y)\s/,
  // A "terrace duplex" or "terrace house" is a row house (Nigeria, Britain); Cairo's "Garden
  // City" is a district.
  terrace: /^\s*(?:duplex|house|houses|home|bungalow)(?![\p{L}])/u,
  garden: /^\s*city(?![\p{L}])/u,
};
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
    features.set(key, {
      value: key,
      evidence: evidence(doc, match.index, end),
      confidence: 0.8,
    });
  }
  if (features.size > 0) reading.Features = [...features.values()];
  return reading;
}
