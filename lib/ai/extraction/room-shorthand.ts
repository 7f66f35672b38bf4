import { rx } from './text';

/**
 * Regional shorthand for room counts, each read on the folded text:
 * - Chile's "5D 4B" (dormitorios, baños), only as a pair: "3D" alone is a tour;
 * - Argentina's "3 ambientes": rooms counting the living room, so one more than the bedrooms;
 * - Portugal's "Moradia V3": a house's typology, like the flats' "T3", right after the dwelling;
 * - Egypt's "أوضتين" (two rooms) and "٣ أوض", the colloquial word for a room;
 * - French "4 chambres", which Moroccan agents write beside Arabic;
 * - Canada's "1+den" / "2 + den": the bedrooms, plus a den that is not one.
 */

export interface ShorthandRooms {
  kind: 'bedrooms' | 'bathrooms';
  value: number;
  start: number;
  end: number;
  /** Below the rules that name bedrooms outright, so an explicit count wins. */
  tier: 1 | 2;
  weak: boolean;
}

const D_B_PAIR = rx(
  String.raw`(?<![\p{L}\p{N}])(?<d>[1-9])\s?d\.?\s*[+/,-]?\s*(?<b>[1-9])\s?b\.?(?![\p{L}\p{N}])`,
);
const AMBIENTES = rx(String.raw`(?<![\p{L}\p{N}.,])(?<n>[2-9])\s*(?:ambientes|amb\.?)(?![\p{L}])`);
const HOUSE_TYPOLOGY = rx(
  String.raw`(?<![\p{L}])(?:moradia|vivenda|casa|villa|quinta)\s+v(?<n>[1-9])(?:\+1)?(?![\p{L}\p{N}])`,
);
const EGYPT_DUAL = rx(String.raw`(?<![\p{L}])[وب]?(?:ال)?(?:اوضتين|اوضتان)(?![\p{L}])`);
const EGYPT_COUNT = rx(String.raw`(?<![\p{L}\p{N}.,])(?<n>[1-9])\s*(?:اوض|اوضه)(?![\p{L}])`);
const CHAMBRES = rx(String.raw`(?<![\p{L}\p{N}.,])(?<n>[1-9])\s*chambres?(?![\p{L}])`);
const PLUS_DEN = rx(String.raw`(?<![\p{L}\p{N}.,+])(?<n>[1-9])\s*\+\s*den(?![\p{L}])`);

/** A cheap test for any of the forms, so most texts skip the scans. */
const QUICK = /\d\s?d|amb|v\d|اوض|chambre|\+\s*den/;

export function shorthandRooms(folded: string): ShorthandRooms[] {
  const found: ShorthandRooms[] = [];
  if (!QUICK.test(folded)) return found;
  const add = (kind: ShorthandRooms['kind'], value: number, m: RegExpMatchArray, tier: 1 | 2) =>
    found.push({
      kind,
      value,
      start: m.index ?? 0,
      end: (m.index ?? 0) + m[0].length,
      tier,
      weak: false,
    });
  for (const m of folded.matchAll(D_B_PAIR)) {
    const beds = Number(m.groups?.d);
    const baths = Number(m.groups?.b);
    // Bathrooms rarely outnumber bedrooms by more than one.
    if (baths > beds + 1) continue;
    add('bedrooms', beds, m, 2);
    add('bathrooms', baths, m, 2);
  }
  for (const m of folded.matchAll(AMBIENTES)) add('bedrooms', Number(m.groups?.n) - 1, m, 1);
  for (const m of folded.matchAll(HOUSE_TYPOLOGY)) add('bedrooms', Number(m.groups?.n), m, 2);
  for (const m of folded.matchAll(EGYPT_DUAL)) add('bedrooms', 2, m, 1);
  for (const m of folded.matchAll(EGYPT_COUNT)) add('bedrooms', Number(m.groups?.n), m, 1);
  for (const m of folded.matchAll(CHAMBRES)) add('bedrooms', Number(m.groups?.n), m, 2);
  for (const m of folded.matchAll(PLUS_DEN)) add('bedrooms', Number(m.groups?.n), m, 2);
  return found;
}
