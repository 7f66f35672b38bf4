import type { Language } from '../../domain/listing';
import type { RoomTag } from './measure';

/** A plain caption per room tag, for when a provider gives the tag but no words of its own. */
export const ROOM_CAPTIONS: Record<RoomTag, Record<Language, string>> = {
  exterior: { en: 'Exterior', es: 'Exterior', pt: 'Fachada', ar: 'الواجهة الخارجية' },
  living_room: { en: 'Living room', es: 'Sala de estar', pt: 'Sala de estar', ar: 'غرفة المعيشة' },
  kitchen: { en: 'Kitchen', es: 'Cocina', pt: 'Cozinha', ar: 'المطبخ' },
  dining_room: { en: 'Dining room', es: 'Comedor', pt: 'Sala de jantar', ar: 'غرفة الطعام' },
  bedroom: { en: 'Bedroom', es: 'Dormitorio', pt: 'Quarto', ar: 'غرفة النوم' },
  bathroom: { en: 'Bathroom', es: 'Baño', pt: 'Banheiro', ar: 'الحمام' },
  balcony: { en: 'Balcony', es: 'Balcón', pt: 'Varanda', ar: 'الشرفة' },
  garden: { en: 'Garden', es: 'Jardín', pt: 'Jardim', ar: 'الحديقة' },
  pool: { en: 'Pool', es: 'Piscina', pt: 'Piscina', ar: 'المسبح' },
  view: { en: 'View', es: 'Vista', pt: 'Vista', ar: 'الإطلالة' },
  floor_plan: { en: 'Floor plan', es: 'Plano', pt: 'Planta', ar: 'المخطط' },
  other: { en: 'Photo', es: 'Foto', pt: 'Foto', ar: 'صورة' },
};

/**
 * Where a photo's caption came from: the agent's own WhatsApp caption, a vision model's
 * description, or a fallback (the local provider's rule, or "Photo N").
 */
export const CAPTION_SOURCES = ['agent', 'vision', 'fallback'] as const;
export type CaptionSource = (typeof CAPTION_SOURCES)[number];

/** RESO Data Dictionary `ImageOf` lookup value for each room tag. */
export const RESO_IMAGE_OF: Record<RoomTag, string> = {
  exterior: 'Exterior (Front)',
  living_room: 'Living Room',
  kitchen: 'Kitchen',
  dining_room: 'Dining Room',
  bedroom: 'Bedroom',
  bathroom: 'Bathroom',
  balcony: 'Balcony',
  garden: 'Garden',
  pool: 'Pool',
  view: 'View',
  floor_plan: 'Floor Plan',
  other: 'Other',
};

/** Words naming what a photo shows, folded (see lib/ai/extraction/text.ts), in four languages. */
const ROOM_WORDS: ReadonlyArray<[RoomTag, string]> = [
  ['floor_plan', 'floor plan|floorplan|plano|planta baixa|planta|مخطط|المخطط'],
  [
    'living_room',
    'living room|living|lounge|family room|sala de estar|sala|salon|estancia|صاله|الصاله|المعيشه|مجلس|المجلس',
  ],
  ['dining_room', 'dining room|dining|comedor|sala de jantar|غرفه الطعام|السفره'],
  ['kitchen', 'kitchen|kitchenette|cocina|cozinha|مطبخ|المطبخ'],
  [
    'bedroom',
    'bedroom|master|bed room|recamara|habitacion|dormitorio|alcoba|quarto|suite|غرفه النوم|غرفه نوم|النوم',
  ],
  ['bathroom', 'bathroom|bath|ensuite|toilet|wc|bano|banheiro|lavabo|حمام|الحمام|دوره مياه'],
  [
    'balcony',
    'balcony|terrace|patio|balcon|terraza|varanda|sacada|terraco|شرفه|الشرفه|بلكونه|البلكونه|تراس',
  ],
  ['garden', 'garden|yard|backyard|jardin|jardim|quintal|حديقه|الحديقه'],
  ['pool', 'pool|swimming pool|piscina|مسبح|المسبح'],
  ['view', 'view|views|vista|vistas|اطلاله|الاطلاله|منظر|المنظر'],
  ['exterior', 'exterior|facade|front|outside|street view|fachada|frente|واجهه|الواجهه'],
];
const ROOM_PATTERN = new RegExp(
  ROOM_WORDS.map(
    ([tag, words]) => `(?<${tag}>(?<![\\p{L}\\p{N}])(?:${words})(?![\\p{L}\\p{N}]))`,
  ).join('|'),
  'gu',
);

/** Listing facts rather than a photo's caption: amounts, counts of rooms, sizes. */
const LISTING_FACTS =
  /\d{3,}|[$€£₹]|\d\s*(?:bed|bd|br|bath|hab|rec|quarto|dorm|غرف|حمام|m2|sq|mts|م)|(?:^|\s)(?:price|precio|preco|السعر|for (?:sale|rent)|en venta|se vende|a venda|للبيع|للايجار)(?:\s|$)/u;

const PREPOSITION =
  /(?<![\p{L}])(?:from|of|over|onto|towards|into|desde|hacia|sobre|para|do|da|dos|das|من|علي|الي)(?![\p{L}])/u;

export interface AgentCaption {
  caption: string;
  roomTag: RoomTag | null;
}

/**
 * The agent's WhatsApp caption as the photo's caption, when it reads as one: a few words
 * ("Living room", "View from the balcony", "Vista desde la terraza", "المطبخ"), not the
 * listing's whole description sent as the first photo's caption. Its room tag is the room
 * the subject names, before any preposition ("View from the balcony" is a view): in English
 * the last of those words ("Balcony view"), in Spanish, Portuguese and Arabic the first
 * ("Vista desde el balcón", "Cozinha americana").
 */
export function agentCaption(
  text: string | undefined,
  language: Language,
  foldText: (s: string) => string,
): AgentCaption | null {
  const caption = text?.trim().replace(/\s+/g, ' ');
  if (!caption || caption.length > 60 || /\n/.test(text ?? '')) return null;
  if (caption.split(' ').length > 8) return null;
  const folded = foldText(caption);
  if (LISTING_FACTS.test(folded)) return null;
  // Only the words before a preposition name the subject: "View from the balcony" is a view.
  const head = folded.split(PREPOSITION)[0] ?? folded;
  const tags: RoomTag[] = [];
  for (const m of head.matchAll(ROOM_PATTERN)) {
    const tag = ROOM_WORDS.find(([t]) => m.groups?.[t] !== undefined)?.[0];
    if (tag) tags.push(tag);
  }
  const roomTag = (language === 'en' ? tags[tags.length - 1] : tags[0]) ?? null;
  return { caption, roomTag };
}

const NUMBERED = new RegExp(
  `^(?:${[...new Set(Object.values(ROOM_CAPTIONS.other))].join('|')}) \\d+$`,
  'u',
);

/** "Photo 2", "Foto 3", "صورة 1": the gallery's placeholder, which says nothing about the photo. */
export function isNumberedCaption(caption: string): boolean {
  return NUMBERED.test(caption.trim());
}
