import { alt, rx, WORD_END, WORD_START } from './text';

/**
 * A house described floor by floor ("Ground floor: 1 bed 1 bath; upstairs: 3 beds 2 baths",
 * "planta baja ... planta alta ...", "الدور الأرضي ... الدور الأول ..."): each floor's counts
 * are a part of the total, which is their sum. A section runs from a floor's name to the next
 * floor's name or the end of the text.
 */

export interface FloorSection {
  start: number;
  end: number;
}

const FLOORS = alt([
  'ground floor',
  'ground level',
  'first floor',
  'second floor',
  'third floor',
  '1st floor',
  '2nd floor',
  '3rd floor',
  'top floor',
  'main floor',
  'main level',
  'upper floor',
  'upper level',
  'lower floor',
  'lower level',
  'upstairs',
  'downstairs',
  'basement',
  'planta baja',
  'planta alta',
  'planta superior',
  'primer piso',
  'segundo piso',
  'tercer piso',
  '1er piso',
  '2do piso',
  '3er piso',
  '1er nivel',
  '2do nivel',
  '3er nivel',
  'primer nivel',
  'segundo nivel',
  'tercer nivel',
  'piso superior',
  'piso inferior',
  'sotano',
  'terreo',
  'andar superior',
  'andar inferior',
  'primeiro andar',
  'segundo andar',
  'pavimento superior',
  'pavimento inferior',
  'res do chao',
  'res-do-chao',
  'الدور الارضي',
  'الدور الاول',
  'الدور الثاني',
  'الدور الثالث',
  'الدور العلوي',
  'الطابق الارضي',
  'الطابق الاول',
  'الطابق الثاني',
  'الطابق العلوي',
  // "الأرضي:" alone heads the ground floor of a list of floors.
  'الارضي',
]);
/** "Main: living, dining ... Upper: 4 bedrooms": a level's bare name as the head of a line. */
const LEVEL_HEAD = String.raw`(?<=^|\n)[^\S\n]*(?:main|upper|lower)(?=\s*:)`;
const FLOOR = rx(String.raw`${WORD_START}(?:[وف]?)(?:${FLOORS})${WORD_END}|${LEVEL_HEAD}`);
const QUICK =
  /floor|level|stairs|main|upper|lower|الارضي|basement|planta|piso|nivel|sotano|terreo|andar|pavimento|chao|الدور|الطابق/;

export function floorSections(folded: string): FloorSection[] {
  if (!QUICK.test(folded)) return [];
  const found = [...folded.matchAll(FLOOR)];
  // The same floor named twice ("This first floor one bed") is not a floor-by-floor plan.
  const names = found.map((m) => m[0].replace(/^[وف]/, '').replace(/\s+/g, ' '));
  if (new Set(names).size < names.length) return [];
  const starts = found.map((m) => m.index);
  return starts.map((start, i) => ({ start, end: starts[i + 1] ?? folded.length }));
}
