import type { ExtractedField, ListingType, RentPeriod } from '../../domain/listing';
import { CUES } from './deal-words';
import { periodMentions, type PeriodMention } from './period';
import { AR_PREFIX, alt, evidence, rx, WORD_END, WORD_START, type Doc } from './text';

/**
 * Sale or rent, and how often rent is paid. Strong cues name the deal ("for rent", "se vende",
 * "aluga-se", "للإيجار"); weak cues only suggest it ("tenant", "security deposit", "escritura",
 * "دفعتين" = two instalments). A rent period written after the price is a strong rent cue. With
 * no cue at all, the field stays empty.
 */

/** Agents stretch Arabic words for emphasis ("للإيجاااار"): any letter may repeat. */
function stretchable(phrase: string): string {
  return phrase.replace(/[\u0621-\u064a]/g, '$&+');
}

const GROUPS = (['rent', 'sale'] as const).flatMap((type) =>
  ([3, 2, 1] as const).map((weight) => ({ type, weight, name: `${type}${weight}` })),
);

/** A cue ends a word, or is glued to the next one ("للايجارفي حي ..."). */
const CUE_PATTERN = rx(
  String.raw`${WORD_START}${AR_PREFIX}(?:${GROUPS.map(
    (g) => `(?<${g.name}>${stretchable(alt(CUES[g.type][g.weight]))})`,
  ).join('|')})(?:${WORD_END}|(?<=للا?ي+جا+ر|للبي+ع)(?=في|ب))`,
);

const MONTHS = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|janeiro|fevereiro|marco|maio|junho|julho|setembro|outubro|novembro|dezembro)`;
const DAY = String.raw`\d{1,2}(?:st|nd|rd|th)?`;

/**
 * A home that is free to move into on a given day ("available from 1st March", "available
 * July 1st", "disponible desde el 1 de mayo", "disponível a partir do dia 10") is let: a sale
 * hands over on completion, not on a date the agent announces. Only a weak cue.
 */
const AVAILABLE_ON = rx(
  String.raw`${WORD_START}(?:available|disponible|disponivel)[^\S\n]+(?:(?:from|on|desde|a[^\S\n]+partir[^\S\n]+d[eo])[^\S\n]+)?(?:(?:el|o|the)[^\S\n]+)?(?:${DAY}(?:[^\S\n]+(?:de|of))?[^\S\n]+${MONTHS}|${MONTHS}\.?[^\S\n]+${DAY}|dia[^\S\n]+\d{1,2})${WORD_END}`,
);

export interface CueMention {
  type: ListingType;
  weight: number;
  start: number;
  end: number;
}

export function cueMentions(folded: string): CueMention[] {
  const found: CueMention[] = [];
  for (const match of folded.matchAll(CUE_PATTERN)) {
    const group = GROUPS.find((g) => match.groups?.[g.name] !== undefined);
    if (group) {
      found.push({
        type: group.type,
        weight: group.weight,
        start: match.index,
        end: match.index + match[0].length,
      });
    }
  }
  for (const match of folded.matchAll(AVAILABLE_ON))
    found.push({ type: 'rent', weight: 1, start: match.index, end: match.index + match[0].length });
  // A period on its own ("عروض سنوية", "monthly") hints at rent.
  for (const { start, end } of periodMentions(folded))
    found.push({ type: 'rent', weight: 1, start, end });
  return found;
}

/** The heaviest cue; among equals, the first written. */
function strongest(cues: CueMention[]): CueMention {
  return cues.reduce((a, b) =>
    b.weight > a.weight || (b.weight === a.weight && b.start < a.start) ? b : a,
  );
}

/** The deal the text names outright (only strong cues, and only of one kind), if any. */
export function namedDeal(
  doc: Doc,
  cues: readonly CueMention[] = cueMentions(doc.folded),
): ListingType | undefined {
  const strong = cues.filter((c) => c.weight === 3);
  const types = new Set(strong.map((c) => c.type));
  return types.size === 1 ? strong[0]?.type : undefined;
}

/** The deal the cues lean to, weak ones included, before any price is read; none on a tie. */
export function leaningDeal(cues: readonly CueMention[]): ListingType | undefined {
  const total = { rent: 0, sale: 0 };
  for (const c of cues) total[c.type] += c.weight;
  return total.rent > total.sale ? 'rent' : total.sale > total.rent ? 'sale' : undefined;
}

export interface DealReading {
  ListingType?: ExtractedField<ListingType>;
  RentPeriod?: ExtractedField<RentPeriod>;
}

/**
 * `pricePeriod`: the period written right after the chosen price, if any. `saleSizedPrice`: the
 * chosen price's span when it is too large for a rent (see `isSaleSized`); it nearly names a
 * sale, so it outweighs a period written elsewhere ("maintenance 4500 per month").
 */
export function extractDeal(
  doc: Doc,
  pricePeriod?: PeriodMention,
  saleSizedPrice?: { start: number; end: number },
  found: readonly CueMention[] = cueMentions(doc.folded),
): DealReading {
  const cues = [...found];
  if (pricePeriod)
    cues.push({ type: 'rent', weight: 3, start: pricePeriod.start, end: pricePeriod.end });
  else if (saleSizedPrice) cues.push({ type: 'sale', weight: 2, ...saleSizedPrice });
  const total = { rent: 0, sale: 0 };
  for (const c of cues) total[c.type] += c.weight;
  const reading: DealReading = {};
  if (total.rent === 0 && total.sale === 0) return reading;

  const type: ListingType =
    total.rent > total.sale ? 'rent' : total.sale > total.rent ? 'sale' : strongest(cues).type;
  const cue = strongest(cues.filter((c) => c.type === type));
  const against = type === 'rent' ? total.sale : total.rent;
  const base = cue.weight >= 3 ? 0.95 : cue.weight === 2 ? 0.8 : 0.6;
  reading.ListingType = {
    value: type,
    evidence: evidence(doc, cue.start, cue.end),
    confidence: against > 0 ? Math.max(0.4, base - 0.25) : base,
  };

  if (type === 'rent') {
    const period = pricePeriod ?? periodMentions(doc.folded)[0];
    if (period) {
      reading.RentPeriod = {
        value: period.period,
        evidence: evidence(doc, period.start, period.end),
        confidence: pricePeriod ? 0.9 : 0.7,
      };
    }
  }
  return reading;
}
