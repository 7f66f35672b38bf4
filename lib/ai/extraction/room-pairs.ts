import { alt, rx, WORD_END, WORD_START } from './text';

/**
 * Bedrooms and bathrooms written as a pair: "3/2 house", "Orlando 4/3/2 pool home" (beds,
 * baths, garage), "Casa 4x3", "apartamento 3x2" (Caribbean and Central American ads). A pair of
 * digits is also a date, a fraction or a plot's sides ("10x30"), so it counts only next to the
 * dwelling it describes, never after a plot word or before a unit.
 */

export interface RoomPair {
  bedrooms: number;
  bathrooms: number;
  start: number;
  end: number;
}

const DWELLINGS = alt([
  'house',
  'home',
  'condo',
  'apartment',
  'apt',
  'townhouse',
  'townhome',
  'villa',
  'duplex',
  'bungalow',
  'cottage',
  'casa',
  'apartamento',
  'apto',
  'depto',
  'departamento',
  'dpto',
  'residencia',
  'chalet',
  // American house styles: "3/2 craftsman", "4/2 ranch".
  'craftsman',
  'ranch',
  'colonial',
]);
const PAIR = rx(
  String.raw`(?<![\p{L}\p{N}/.,x×]|\d\s)(?<beds>[1-9])\s?(?<sep>[/x×])\s?(?<baths>[1-9](?:\.5)?)(?:/\d)?(?![\p{L}\p{N}/%]|[.,]\d)`,
);
const DWELLING_BEFORE = new RegExp(
  String.raw`${WORD_START}(?:${DWELLINGS})${WORD_END}[^\n.;\d]{0,12}$`,
  'u',
);
const DWELLING_AFTER = new RegExp(
  String.raw`^[^\n.;\d]{0,12}?${WORD_START}(?:${DWELLINGS})${WORD_END}`,
  'u',
);
/** "2/2, 1,100 sf": a pair right before the living area is beds and baths too. */
const SIZE_AFTER = /^[,;\s]{1,3}\d[\d,.]*\s*(?:sq\.?\s*ft|sqft|sf|sq\.?\s*m|sqm|m2)(?![\p{L}])/u;
const PLOT_BEFORE =
  /(?:^|[^\p{L}])(?:lot|plot|land|terreno|lote|solar|parcela|terrain|ارض)(?![\p{L}])[^\n.;]{0,20}$/u;
const UNIT_AFTER =
  /^\s*(?:m|mts?|mtrs?|metros?|ft|feet|sq|pies|acres?|ha|cm|km|mi|miles?|min|mins|blocks?|cuadras?|varas?|['"])(?![\p{L}])/u;
/** Fractions a slash also writes: "1/2 acre", "3/4 bath". */
const FRACTIONS = new Set(['1/2', '1/3', '2/3', '1/4', '3/4']);

const QUICK = /\d\s?[/x×]\s?\d/;

export function roomPairs(folded: string): RoomPair[] {
  const pairs: RoomPair[] = [];
  if (!QUICK.test(folded)) return pairs;
  for (const match of folded.matchAll(PAIR)) {
    const beds = Number(match.groups?.beds);
    const baths = Number(match.groups?.baths);
    const start = match.index;
    const end = start + match[0].length;
    // Bathrooms rarely outnumber bedrooms by more than one.
    if (baths > beds + 1) continue;
    if (match.groups?.sep === '/' && FRACTIONS.has(`${beds}/${baths}`)) continue;
    const before = folded.slice(Math.max(0, start - 30), start);
    const after = folded.slice(end, end + 24);
    if (UNIT_AFTER.test(after) || PLOT_BEFORE.test(before)) continue;
    const dwelling = DWELLING_BEFORE.test(before) || DWELLING_AFTER.test(after);
    if (!dwelling && !SIZE_AFTER.test(after)) continue;
    pairs.push({ bedrooms: beds, bathrooms: baths, start, end });
  }
  return pairs;
}
