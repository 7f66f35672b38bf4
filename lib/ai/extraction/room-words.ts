import type { Language } from '../../domain/listing';
import { alt } from './text';

/**
 * The words room counts are read by: the nouns a count of bedrooms, bathrooms or half baths is
 * written with, in each language, the adjectives agents put between count and noun, and the
 * labels of "Bedrooms: 3" forms.
 */

export const BEDROOM_NOUNS: Record<Language, readonly string[]> = {
  en: [
    'bedrooms',
    'bedroom',
    'bed rooms',
    'bed room',
    'beds',
    'bed',
    'bdrms',
    'bdrm',
    'bedrms',
    'bedrm',
    'brms',
    'brm',
    'bdrs',
    'bdr',
    'bds',
    'bd',
    'brs',
    'br',
    'b/r',
    'bhk',
    // Portuguese shorthand, unmistakable in a text of any language.
    'qtos',
    'qto',
  ],
  es: [
    'habitaciones',
    'habitacion',
    'habs',
    'hab',
    'alcobas',
    'alcoba',
    'dormitorios',
    'dormitorio',
    'recamaras',
    'recamara',
    'recs',
    'rec',
    'cuartos',
    'cuarto',
    'dorms',
    'dorm',
  ],
  pt: ['quartos', 'quarto', 'dormitorios', 'dormitorio', 'dorms', 'dorm'],
  // Levantine agents drop the room: "3 نوم" is three bedrooms.
  ar: ['غرف نوم', 'غرفه نوم', 'غرف للنوم', 'غرفه للنوم', 'نوم'],
};
/** Rooms that are not bedrooms even after a count ("1 cuarto de servicio"). */
export const NOT_BEDROOM_AFTER = String.raw`(?!\s+(?:de\s+servicio|util|de\s+ropas|de\s+empleada|de\s+empregada|de\s+servico|de\s+estudio|piso|nivel))`;
export const SUITE_NOUNS = ['suites', 'suite'];
/** Arabic "غرف" alone counts rooms, usually bedrooms, less surely than "غرف نوم". */
export const AR_ROOM_NOUNS = ['غرف', 'غرفه'];

export const BATH_NOUNS: Record<Language, readonly string[]> = {
  // "wc" is how Portuguese and British agents count bathrooms, in a text of any language.
  // Indian agents count bathrooms as toilets ("3 BHK, 3 toilets").
  // Montreal and Beirut agents write French beside English or Arabic: "2 salles de bain".
  en: [
    'bathrooms',
    'bathroom',
    'baths',
    'bath',
    'bths',
    'bth',
    'ba',
    'wcs',
    'wc',
    'toilets',
    'salles de bains',
    'salles de bain',
    'salle de bains',
    'salle de bain',
  ],
  es: ['banos', 'bano'],
  // "casa de banho" is the bathroom in Portugal; Brazilian listings shorten "banheiro" to "banh".
  pt: ['banheiros', 'banheiro', 'banhs', 'banh', 'casas de banho', 'casa de banho'],
  ar: ['حمامات', 'حمام', 'دورات مياه', 'دوره مياه', 'دورات المياه', 'دوره المياه', 'دورات'],
};
export const HALF_BATH_NOUNS: Record<Language, readonly string[]> = {
  en: [
    'half baths',
    'half bath',
    'half bathrooms',
    'half bathroom',
    'powder rooms',
    'powder room',
    // British agents: "2 bath, 1 loo"; a loo is a toilet and basin.
    'loos',
    'loo',
    'half',
  ],
  // In Spain an "aseo" is a toilet and basin: a half bath.
  // In Peru and Mexico the guests' bathroom ("1 de visita") is a toilet and basin too.
  es: [
    'medios banos',
    'medio bano',
    'aseos',
    'aseo',
    'banos de visitas',
    'bano de visitas',
    'banos de visita',
    'bano de visita',
    'de visitas',
    'de visita',
  ],
  pt: ['lavabos', 'lavabo', 'toilettes', 'toilette'],
  ar: [],
};

export const ADJECTIVES = alt([
  'large',
  'big',
  'spacious',
  'good size',
  'good sized',
  'good-sized',
  'generous',
  'private',
  'separate',
  'huge',
  'nice',
  'cozy',
  'additional',
  'full',
  'amplias',
  'amplios',
  'amplia',
  'grandes',
  'espaciosas',
  'comodas',
  'amplos',
  'bons',
  'boas',
]);

export const BED_LABELS = [
  'bedrooms',
  'beds',
  'habitaciones',
  'alcobas',
  'dormitorios',
  'quartos',
  'غرف النوم',
  'عدد غرف النوم',
  'عدد الغرف',
];
export const BATH_LABELS = [
  'bathrooms',
  'baths',
  'banos',
  'banheiros',
  'الحمامات',
  'عدد الحمامات',
  'دورات المياه',
  'عدد دورات المياه',
];
