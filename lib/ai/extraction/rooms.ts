import type { ExtractedField, Language } from '../../domain/listing';
import { floorSections, type FloorSection } from './floors';
import { countPattern, countWords, parseCount } from './numbers';
import { roomPairs } from './room-pairs';
import { shorthandRooms } from './room-shorthand';
import { alt, AR_PREFIX, evidence, rx, WORD_END, WORD_START, type Doc } from './text';
import { forTitledUnit } from './unit-list';
import {
  AR_GUEST_BATH,
  BATH_AND_A_HALF,
  eachWithBath,
  fullBeforeHalf,
  HALF_AFTER_NOUN,
  NAMED_BATH,
  TRAILING_HALF_BATH,
} from './bath-forms';
import {
  ADJECTIVES,
  AR_ROOM_NOUNS,
  BATH_LABELS,
  BATH_NOUNS,
  BED_LABELS,
  BEDROOM_NOUNS,
  HALF_BATH_NOUNS,
  NOT_BEDROOM_AFTER,
  SUITE_NOUNS,
} from './room-words';

/**
 * Bedroom and bathroom counts: "2bhk", "3 beds", "two bedroom", "2 habitaciones", "tres
 * alcobas", "3 quartos", "2 baños", "1.5 bath", "٣ غرف نوم", the Arabic dual "غرفتين" (two
 * rooms) and "حمامين" (two bathrooms), labels such as "Bedrooms: 3", and "studio" (no bedroom).
 * When several mentions disagree, the most specific kind wins ("4 غرف نوم" over "10 غرف"), then
 * the first written: agents lead with the headline numbers.
 */

type Kind = 'bedrooms' | 'bathrooms' | 'halfBaths';

interface Rule {
  kind: Kind;
  pattern: RegExp;
  confidence: number;
  /** Which mention wins: a higher tier, then the first written. */
  tier: number;
  /** For rules that carry their count in the word (dual, "studio"). */
  fixed?: number;
  /** "full bath": a later half-bath mention adds to it. */
  full?: boolean;
  /**
   * A room that may not be a bedroom ("4 غرف أو مكاتب", "غرفتين مخزن"), or a bathroom named
   * without a count ("وحمام"): trusted alone, not added up across floors.
   */
  weak?: boolean;
  /** "2 baños y medio": the count is written before the noun, the half after it (group `half`). */
  plusHalf?: boolean;
  /** A cheap test that the text can match at all: rare patterns skip most texts. */
  guard?: RegExp;
}

/**
 * Every Latin-script language's nouns (the Arabic ones are in `arabicRules`), whatever the
 * text was detected as: agents mix languages ("Casa 4 hab
 * 3 baños, corner lot, pool"), and a short burst's language is often a guess. The nouns need a
 * count before them, so another language's word cannot fire on its own.
 */
function nouns(table: Record<Language, readonly string[]>): string {
  return alt([...table.en, ...table.es, ...table.pt]);
}

function countThen(language: Language, nounAlt: string, extra = ''): RegExp {
  const count = countPattern(language);
  return new RegExp(
    String.raw`(?<n>${count})\s*-?\s*(?:(?:${ADJECTIVES})\s+)?(?:${AR_PREFIX})?(?:${nounAlt})${WORD_END}${extra}`,
    'gud',
  );
}

function label(language: Language, labels: readonly string[]): RegExp {
  return new RegExp(
    String.raw`${WORD_START}(?:${alt(labels)})\s*[:=\-]\s*(?<n>${countPattern(language)})`,
    'gud',
  );
}

const rulesCache = new Map<Language, Rule[]>();
const labelPairCache = new Map<Language, RegExp>();

function labelsThenCountsFor(language: Language): RegExp {
  let pattern = labelPairCache.get(language);
  if (!pattern) {
    pattern = labelsThenCounts(language);
    labelPairCache.set(language, pattern);
  }
  return pattern;
}

/**
 * "studio" as the unit, not the gym's "fitness studio", nor one type in a list ("studio, one-
 * and two-bedroom"). A Colombian "apartaestudio" may have a bedroom, so it says nothing.
 */
const STUDIO = String.raw`${WORD_START}(?<!(?:fitness|yoga|pilates|spin|dance|art|recording|music|photo|design|hair|nail|beauty|tattoo)\s)(?:studio|monoambiente|kitnet|quitinete|conjugado|ستوديو|استوديو)${WORD_END}(?!\s*(?:,|/|&|-|to\s|and\s|or\s|y\s|o\s|e\s|ou\s))`;
const AR_DUAL_BEDROOMS = String.raw`${WORD_START}${AR_PREFIX}(?<w>(?:غرفتين|غرفتان|غرفتي)\s*(?:نوم|للنوم))${WORD_END}`;
const AR_DUAL_ROOMS = String.raw`${WORD_START}${AR_PREFIX}(?<w>غرفتين|غرفتان)${WORD_END}`;
const AR_DUAL_BATHS = String.raw`${WORD_START}${AR_PREFIX}(?<w>حمامين|حمامان|دورتين\s*(?:مياه|المياه)?|دورتي\s*(?:مياه|المياه))${WORD_END}`;

/** Portuguese typologies: "T3" is three bedrooms, "T0" a studio ("T2+1": two and an office). */
const PT_TYPOLOGY = String.raw`${WORD_START}t(?<n>\d)(?:\+1)?${WORD_END}`;
/** Outside a text read as Portuguese, "T3" counts bedrooms only right after the dwelling. */
const TYPOLOGY_AFTER_DWELLING = String.raw`${WORD_START}(?:apartamento|apartamentos|moradia|vivenda|apto|ap|andar|casa|duplex|penthouse|apartment|flat)\s+t(?<n>\d)(?:\+1)?${WORD_END}`;
/** Arabic "غرفة نوم" alone is one bedroom (a floor's, in a list of floors). */
const AR_ONE_BEDROOM = String.raw`${WORD_START}${AR_PREFIX}(?<w>غرفه\s*(?:نوم|للنوم))${WORD_END}`;

/** Arabic "غرفة وصالة" (a room and a hall) is a one-bedroom flat; the hall is not a bedroom. */
const AR_ROOM_AND_HALL = String.raw`${WORD_START}${AR_PREFIX}(?<w>غرفه)\s*و\s*(?:ال)?صاله${WORD_END}`;
/** Arabic "وحمام", "ودورة مياه" with no count: one bathroom ("حمام سباحة" is a pool). */
const AR_ONE_BATH = String.raw`${WORD_START}(?:و)?(?<w>حمام|دوره\s*(?:مياه|المياه))${WORD_END}(?!\s*(?:ال)?سباحه)`;
/**
 * "Bedrooms 3 Bathrooms 2", "Beds 3 | Baths 2": labels before their counts with no colon. Read
 * only as a pair and only when the first label has no count before it, since "3 beds 2 baths"
 * has the opposite order.
 */
function labelsThenCounts(language: Language): RegExp {
  const count = countPattern(language);
  const beds = alt(BED_LABELS.filter((l) => /^[a-z]/.test(l)));
  const baths = alt(BATH_LABELS.filter((l) => /^[a-z]/.test(l)));
  return rx(
    String.raw`(?<![\d½]\s{0,3})${WORD_START}(?:${beds})\s+(?<n>${count})\s*[,;|/-]?\s*(?:${baths})\s+(?<m>${count})${WORD_END}`,
  );
}

const ANOTHER = /another|otro/;
/** "one bathroom upstairs and another downstairs": two, counted one by one. */
function oneAndAnother(nounAlt: string): RegExp {
  return rx(
    String.raw`${WORD_START}(?<n>one|1|un|uno|una|um|uma)\s+(?:${nounAlt})${WORD_END}[^.\n;]{0,40}?${WORD_START}(?:and\s+|y\s+|e\s+)?(?:another|otro|outro)${WORD_END}`,
  );
}

/** Arabic puts the count after the noun without a colon: "غرف نوم 4", "عدد دورات المياه 3". */
function arabicNounFirst(nounAlt: string): RegExp {
  return rx(
    String.raw`(?<!\d\s{0,3})${WORD_START}(?:عدد\s*)?(?:${nounAlt})\s*[:=\-]?\s*(?<n>${countPattern('ar')})(?!\s*(?:غرف|حمام|دور|صال|مجلس|م${WORD_END}))`,
  );
}

/**
 * Tiers: 3 for a label ("Bedrooms: 3"), 2 for a count and a noun that says what it counts,
 * 1 for weaker nouns (a suite, the Arabic "غرف" without "نوم"), 0 for "studio".
 */
function rulesFor(language: Language): Rule[] {
  const cached = rulesCache.get(language);
  if (cached) return cached;
  const bedNouns = nouns(BEDROOM_NOUNS);
  const bathNouns = nouns(BATH_NOUNS);
  const rules: Rule[] = [
    { kind: 'bedrooms', tier: 3, confidence: 0.95, pattern: label(language, BED_LABELS) },
    { kind: 'bathrooms', tier: 3, confidence: 0.95, pattern: label(language, BATH_LABELS) },
    {
      kind: 'bedrooms',
      tier: 2,
      confidence: 0.9,
      pattern: countThen(language, bedNouns, NOT_BEDROOM_AFTER),
    },
    {
      kind: 'halfBaths',
      tier: 2,
      confidence: 0.9,
      pattern: countThen(language, nouns(HALF_BATH_NOUNS)),
    },
    {
      kind: 'bathrooms',
      tier: 2,
      confidence: 0.9,
      pattern: countThen(language, String.raw`full\s+(?:${alt(BATH_NOUNS.en)})`),
      full: true,
    },
    {
      kind: 'bathrooms',
      tier: 2,
      confidence: 0.9,
      pattern: countThen(language, bathNouns, `(?<half>${HALF_AFTER_NOUN})?`),
      plusHalf: true,
    },
    { kind: 'halfBaths', tier: 1, confidence: 0.8, pattern: rx(TRAILING_HALF_BATH), fixed: 1 },
    {
      kind: 'bathrooms',
      tier: 2,
      confidence: 0.8,
      pattern: eachWithBath(language, `${bedNouns}|${alt(SUITE_NOUNS)}`),
      guard: /c\/u|cada|each|all\s+en/,
    },
    { kind: 'bedrooms', tier: 0, confidence: 0.6, pattern: rx(STUDIO), fixed: 0 },
    {
      kind: 'bathrooms',
      tier: 2,
      confidence: 0.9,
      pattern: fullBeforeHalf(language),
      full: true,
      guard: /full/,
    },
    {
      kind: 'bathrooms',
      tier: 2,
      confidence: 0.8,
      pattern: oneAndAnother(bathNouns),
      fixed: 2,
      guard: ANOTHER,
    },
    {
      kind: 'bathrooms',
      tier: 2,
      confidence: 0.85,
      pattern: rx(BATH_AND_A_HALF),
      fixed: 1.5,
      guard: /half|medio|meio|نص/,
    },
    {
      kind: 'bedrooms',
      tier: 2,
      confidence: 0.8,
      pattern: oneAndAnother(bedNouns),
      fixed: 2,
      guard: ANOTHER,
    },
  ];
  if (language === 'pt' || language === 'es') {
    rules.push({
      kind: 'bedrooms',
      tier: 1,
      confidence: 0.6,
      pattern: countThen(language, alt(SUITE_NOUNS)),
    });
  }
  rules.push({
    kind: 'bedrooms',
    tier: 2,
    confidence: 0.85,
    pattern: rx(language === 'pt' ? PT_TYPOLOGY : TYPOLOGY_AFTER_DWELLING),
  });
  rulesCache.set(language, rules);
  return rules;
}

const ARABIC_LETTER = /[\u0621-\u064a]/;
let arabicCache: Rule[] | undefined;

/** Arabic rules run on any text with Arabic in it: "Villa in Dubai Hills - فيلا 4 غرف نوم". */
function arabicRules(): Rule[] {
  if (arabicCache) return arabicCache;
  const language: Language = 'ar';
  arabicCache = [
    {
      kind: 'bedrooms',
      tier: 2,
      confidence: 0.9,
      pattern: countThen(language, alt(BEDROOM_NOUNS.ar), NOT_BEDROOM_AFTER),
    },
    {
      kind: 'bathrooms',
      tier: 2,
      confidence: 0.9,
      pattern: countThen(language, alt(BATH_NOUNS.ar)),
    },
    { kind: 'bedrooms', tier: 1, confidence: 0.7, pattern: rx(AR_ONE_BEDROOM), fixed: 1 },
    { kind: 'bedrooms', tier: 2, confidence: 0.85, pattern: rx(AR_DUAL_BEDROOMS), fixed: 2 },
    {
      kind: 'bedrooms',
      tier: 1,
      confidence: 0.7,
      pattern: rx(AR_DUAL_ROOMS),
      fixed: 2,
      weak: true,
    },
    {
      kind: 'bedrooms',
      tier: 1,
      confidence: 0.7,
      pattern: countThen(language, alt(AR_ROOM_NOUNS)),
      weak: true,
    },
    { kind: 'bathrooms', tier: 2, confidence: 0.85, pattern: rx(AR_DUAL_BATHS), fixed: 2 },
    {
      kind: 'bedrooms',
      tier: 2,
      confidence: 0.85,
      pattern: arabicNounFirst(String.raw`غرف\s*النوم|غرف\s*نوم|عدد\s*الغرف`),
    },
    {
      kind: 'bathrooms',
      tier: 2,
      confidence: 0.85,
      pattern: arabicNounFirst(String.raw`الحمامات|دورات\s*المياه|دورات\s*مياه`),
    },
    {
      kind: 'bedrooms',
      tier: 1,
      confidence: 0.7,
      pattern: rx(AR_ROOM_AND_HALL),
      fixed: 1,
      weak: true,
    },
    { kind: 'bathrooms', tier: 1, confidence: 0.7, pattern: rx(AR_ONE_BATH), fixed: 1, weak: true },
    { kind: 'halfBaths', tier: 1, confidence: 0.8, pattern: rx(AR_GUEST_BATH), fixed: 1 },
  ];
  return arabicCache;
}

function rulesOf(doc: Doc): Rule[] {
  const rules = rulesFor(doc.language);
  return doc.language === 'ar' || ARABIC_LETTER.test(doc.folded)
    ? [...rules, ...arabicRules()]
    : rules;
}

/**
 * A count that closes a list or a range ("1, 2 & 3 bedroom", "1- and 2-bedroom", "2 or 3
 * bedrooms", "one, two and three bedroom") describes several units, not this one.
 */
function closesList(doc: Doc, countStart: number): boolean {
  const before = doc.folded.slice(Math.max(0, countStart - 24), countStart);
  return listPattern(doc.language).test(before);
}

const listPatternCache = new Map<Language, RegExp>();

/** Another count, then "and"/"or"/"&"/"to" (or a bare "-" or "/" as in "2-3"), right before. */
function listPattern(language: Language): RegExp {
  let pattern = listPatternCache.get(language);
  if (!pattern) {
    const words = alt(Object.keys(countWords(language)));
    pattern = new RegExp(
      String.raw`(?:(?<![\p{L}\d.,])\d{1,2}\+?|${WORD_START}(?:${words}))(?:\s*-?\s*(?:&|and|or|to|y|o|e|a|ou|و|او)\s+|[-/])$`,
      'u',
    );
    listPatternCache.set(language, pattern);
  }
  return pattern;
}

interface Mention {
  kind: Kind;
  value: number;
  start: number;
  end: number;
  confidence: number;
  tier: number;
  full: boolean;
  weak: boolean;
}

function mentions(doc: Doc): Mention[] {
  const found: Mention[] = [];
  for (const rule of rulesOf(doc)) {
    if (rule.guard && !rule.guard.test(doc.folded)) continue;
    for (const match of doc.folded.matchAll(rule.pattern)) {
      const countText = match.groups?.n;
      const counted =
        rule.fixed ?? (countText === undefined ? null : parseCount(countText, doc.language));
      const half = rule.plusHalf && match.groups?.half !== undefined;
      const value = counted !== null && half ? counted + 0.5 : counted;
      if (value === null || value > 20) continue;
      const countStart = match.indices?.groups?.n?.[0] ?? match.index;
      if (countText !== undefined && closesList(doc, countStart)) continue;
      const spelledOut = countText !== undefined && !/\d/.test(countText);
      found.push({
        kind: rule.kind,
        value,
        // A dual's evidence is the word without its clitics ("حمامين", not "وحمامين").
        start: match.indices?.groups?.w?.[0] ?? match.index,
        end: match.index + match[0].length,
        confidence: rule.confidence - (spelledOut ? 0.05 : 0),
        tier: rule.tier,
        full: rule.full ?? false,
        weak: rule.weak ?? false,
      });
    }
  }
  for (const match of doc.folded.matchAll(labelsThenCountsFor(doc.language))) {
    const beds = parseCount(match.groups?.n ?? '', doc.language);
    const baths = parseCount(match.groups?.m ?? '', doc.language);
    if (beds === null || baths === null || beds > 20 || baths > 20) continue;
    const at = { start: match.index, end: match.index + match[0].length, confidence: 0.9 };
    const label = { ...at, tier: 3, full: false, weak: false };
    found.push({ ...label, kind: 'bedrooms', value: beds });
    found.push({ ...label, kind: 'bathrooms', value: baths });
  }
  for (const pair of roomPairs(doc.folded)) {
    const at = {
      start: pair.start,
      end: pair.end,
      confidence: 0.8,
      tier: 2,
      full: false,
      weak: false,
    };
    found.push({ ...at, kind: 'bedrooms', value: pair.bedrooms });
    found.push({ ...at, kind: 'bathrooms', value: pair.bathrooms });
  }
  for (const m of shorthandRooms(doc.folded)) found.push({ ...m, confidence: 0.8, full: false });
  // Drop mentions inside a longer one ("غرف" inside "غرف نوم", "2 baths" inside "2 full baths").
  return found.filter(
    (m) =>
      !found.some(
        (o) =>
          o !== m &&
          o.start <= m.start &&
          o.end >= m.end &&
          (o.end - o.start > m.end - m.start || o.tier > m.tier),
      ),
  );
}

function best(list: Mention[]): Mention | undefined {
  let winner: Mention | undefined;
  for (const m of list) {
    if (!winner || m.tier > winner.tier || (m.tier === winner.tier && m.start < winner.start))
      winner = m;
  }
  return winner;
}

/** Lower the confidence when other mentions of the same kind say something else. */
function field(
  doc: Doc,
  winner: Mention,
  all: Mention[],
  value = winner.value,
): ExtractedField<number> {
  const disagreeing = all.filter((m) => m.value !== winner.value && m.confidence >= 0.7).length;
  return {
    value,
    evidence: evidence(doc, winner.start, winner.end),
    confidence: Math.max(0.3, winner.confidence - 0.15 * Math.min(disagreeing, 2)),
  };
}

export interface RoomsReading {
  BedroomsTotal?: ExtractedField<number>;
  BathroomsTotalInteger?: ExtractedField<number>;
  BathroomsHalf?: ExtractedField<number>;
}

interface BathCount {
  full: number;
  half: number;
  bath: Mention | undefined;
  halfMention: Mention | undefined;
}

/** Full and half bathrooms of a text, or of one floor of it. */
function countBaths(baths: Mention[], halves: Mention[]): BathCount | undefined {
  const bath = best(baths);
  const half = best(halves);
  if (!bath) return half ? { full: 0, half: half.value, bath, halfMention: half } : undefined;
  // RESO counts a half bath as one bathroom: "1.5 baths" is 2 bathrooms, one of them half.
  const decimalHalf = Number.isInteger(bath.value) ? 0 : 1;
  // A half bath adds on only when it is plainly another one: "2 full baths", or "2 baths
  // and 1 half bath" written together.
  const addsOn = half && (bath.full || (half.start > bath.end && half.start - bath.end <= 25));
  const halfCount = decimalHalf || (addsOn ? half.value : 0);
  return {
    full: Math.floor(bath.value),
    half: halfCount,
    bath,
    halfMention: addsOn && !decimalHalf ? half : undefined,
  };
}

/**
 * The mentions of each floor, when the text counts floor by floor and only so: no headline
 * total before the first floor, no label ("Bedrooms: 4"), and at least two floors with a count.
 */
function byFloor(
  sections: FloorSection[],
  list: Mention[],
  trusted: (floor: Mention[]) => boolean,
): Mention[][] | undefined {
  const first = sections[0];
  if (sections.length < 2 || !first || list.length < 2) return undefined;
  if (list.some((m) => m.tier >= 3 || m.start < first.start)) return undefined;
  const floors = sections
    .map((s) => list.filter((m) => m.start >= s.start && m.start < s.end))
    .filter((l) => l.length > 0);
  return floors.length >= 2 && floors.every(trusted) ? floors : undefined;
}

/** Rooms that may be offices or stores are not added up; nor two uncounted bathrooms on a floor. */
const noWeakRoom = (floor: Mention[]) => floor.every((m) => !m.weak);
const oneUncountedBath = (floor: Mention[]) => floor.filter((m) => m.weak).length <= 1;

function spanning(doc: Doc, list: Mention[], value: number): ExtractedField<number> {
  const start = Math.min(...list.map((m) => m.start));
  const end = Math.max(...list.map((m) => m.end));
  return { value, evidence: evidence(doc, start, end), confidence: 0.75 };
}

export function extractRooms(doc: Doc): RoomsReading {
  // "Unit B is the one ... Unit A: 2 bed ... Unit B: 3 bed": rooms of the unit the title names.
  const all = forTitledUnit(doc.folded, mentions(doc));
  const sections = floorSections(doc.folded);
  const reading: RoomsReading = {};

  const bedrooms = all.filter((m) => m.kind === 'bedrooms' && Number.isInteger(m.value));
  const bedFloors = byFloor(sections, bedrooms, noWeakRoom);
  const floorBeds = bedFloors?.map((l) => best(l)?.value ?? 0);
  const bed = best(bedrooms);
  if (bedFloors && floorBeds) {
    reading.BedroomsTotal = spanning(
      doc,
      bedFloors.flat(),
      floorBeds.reduce((a, b) => a + b, 0),
    );
  } else if (bed) {
    reading.BedroomsTotal = field(doc, bed, bedrooms);
  }

  const baths = all.filter((m) => m.kind === 'bathrooms');
  const halves = all.filter((m) => m.kind === 'halfBaths');
  const bathFloors = byFloor(sections, [...baths, ...halves], oneUncountedBath);
  if (bathFloors) {
    const counts = bathFloors.map((l) =>
      countBaths(
        l.filter((m) => m.kind === 'bathrooms'),
        l.filter((m) => m.kind === 'halfBaths'),
      ),
    );
    const full = counts.reduce((a, c) => a + (c?.full ?? 0), 0);
    const half = counts.reduce((a, c) => a + (c?.half ?? 0), 0);
    if (full > 0) {
      const total = spanning(doc, bathFloors.flat(), full + half);
      reading.BathroomsTotalInteger = total;
      if (half > 0) reading.BathroomsHalf = { ...total, value: half };
      return reading;
    }
  }
  // Bathrooms named without a count are one only when there is one such mention.
  const uncounted = baths.filter((m) => m.weak);
  const count = countBaths(uncounted.length > 1 ? baths.filter((m) => !m.weak) : baths, halves);
  const { bath, halfMention } = count ?? {};
  if (count && bath) {
    const total = field(doc, bath, baths, count.full + count.half);
    reading.BathroomsTotalInteger = total;
    if (count.half > 0) {
      reading.BathroomsHalf = halfMention
        ? field(doc, halfMention, halves, count.half)
        : { ...total, value: count.half };
    }
  } else {
    const named = [...doc.folded.matchAll(NAMED_BATH)];
    const first = named[0];
    const last = named[named.length - 1];
    // "baño principal, baño de alcoba, medio baño social": the named ones and the half bath.
    const half = halfMention ? 1 : 0;
    if (named.length >= 2 && first && last) {
      reading.BathroomsTotalInteger = {
        value: named.length + half,
        evidence: evidence(doc, first.index, last.index + last[0].length),
        confidence: 0.7,
      };
    }
    if (halfMention) reading.BathroomsHalf = field(doc, halfMention, halves, half);
  }
  return reading;
}
