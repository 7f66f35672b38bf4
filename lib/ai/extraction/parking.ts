import type { ExtractedField, Language } from '../../domain/listing';
import { countPattern, parseCount } from './numbers';
import { alt, AR_PREFIX, evidence, WORD_END, WORD_START, type Doc } from './text';

/**
 * Parking spaces: "2 parking spaces", "3 off-street parking spots", "2-car garage",
 * "2 parqueaderos", "dos garajes", "2 vagas", "موقفين" (dual), and "no parking" / "no tiene
 * parqueadero" for none.
 */

const NOUNS = [
  'parking spaces',
  'parking space',
  'parking spots',
  'parking spot',
  'parking stalls',
  'parking',
  'car garage',
  'car garages',
  'garages',
  'garage spaces',
  'garage',
  'parqueaderos',
  'parqueadero',
  'garajes',
  'garaje',
  'estacionamientos',
  'estacionamiento',
  'cocheras',
  'cochera',
  'vagas',
  'vaga',
  'مواقف',
  'موقف',
];
const ADJECTIVES = [
  'off street',
  'off-street',
  'covered',
  'private',
  'assigned',
  'reserved',
  'deeded',
  'underground',
  'indoor',
  'outdoor',
  'heated',
  'tandem',
  'de garagem',
];

const patternCache = new Map<Language, RegExp>();

function countRule(language: Language): RegExp {
  let pattern = patternCache.get(language);
  if (!pattern) {
    pattern = new RegExp(
      String.raw`(?<n>${countPattern(language)})\s*-?\s*(?:(?:${alt(ADJECTIVES)})\s+){0,2}(?:${AR_PREFIX})?(?:${alt(NOUNS)})${WORD_END}`,
      'gud',
    );
    patternCache.set(language, pattern);
  }
  return pattern;
}

const DUAL = new RegExp(String.raw`${WORD_START}${AR_PREFIX}(?:موقفين|موقفان)${WORD_END}`, 'gud');
const NONE = new RegExp(
  String.raw`${WORD_START}(?:no\s+parking|no\s+tiene\s+(?:parqueadero|garaje)|sin\s+(?:parqueadero|garaje)|sem\s+vaga|nao\s+tem\s+vaga|لا\s+يوجد\s+موقف|بدون\s+موقف)${WORD_END}`,
  'gud',
);

export function extractParking(doc: Doc): { ParkingTotal?: ExtractedField<number> } {
  const found: ExtractedField<number>[] = [];
  for (const match of doc.folded.matchAll(countRule(doc.language))) {
    const value = parseCount(match.groups?.n ?? '', doc.language);
    if (value === null || !Number.isInteger(value) || value > 50) continue;
    found.push({
      value,
      evidence: evidence(doc, match.index, match.index + match[0].length),
      confidence: 0.85,
    });
  }
  for (const match of doc.folded.matchAll(DUAL)) {
    found.push({
      value: 2,
      evidence: evidence(doc, match.index, match.index + match[0].length),
      confidence: 0.8,
    });
  }
  if (found.length === 0) {
    const none = NONE.exec(doc.folded);
    NONE.lastIndex = 0;
    if (none) {
      return {
        ParkingTotal: {
          value: 0,
          evidence: evidence(doc, none.index, none.index + none[0].length),
          confidence: 0.7,
        },
      };
    }
    return {};
  }
  found.sort((a, b) => (a.evidence?.start ?? 0) - (b.evidence?.start ?? 0));
  const first = found[0];
  return first ? { ParkingTotal: first } : {};
}
