import type { ExtractedField, ListingType, RentPeriod } from '../../domain/listing';
import { periodMentions, type PeriodMention } from './period';
import { AR_PREFIX, alt, evidence, rx, WORD_END, WORD_START, type Doc } from './text';

/**
 * Sale or rent, and how often rent is paid. Strong cues name the deal ("for rent", "se vende",
 * "aluga-se", "للإيجار"); weak cues only suggest it ("tenant", "security deposit", "escritura",
 * "دفعتين" = two instalments). A rent period written after the price is a strong rent cue. With
 * no cue at all, the field stays empty.
 */

type Weight = 1 | 2 | 3;

/** Phrases by deal and weight: 3 names the deal, 2 nearly does, 1 only suggests it. */
const CUES: Record<ListingType, Record<Weight, readonly string[]>> = {
  rent: {
    3: [
      'for rent',
      'for lease',
      'to let',
      'to-let',
      'for rental',
      'rent',
      'rental',
      'se arrienda',
      'arriendo',
      'en arriendo',
      'arrendamiento',
      'se alquila',
      'alquiler',
      'en alquiler',
      'alquilo',
      'se renta',
      'en renta',
      'aluga-se',
      'aluga se',
      'arrenda-se',
      'para arrendar',
      'alugo',
      'para alugar',
      'para arrendar',
      'arrenda-se',
      'aluguel',
      'aluguer',
      'locacao',
      // French, beside Arabic in Moroccan listings.
      'a louer',
      'للايجار',
      'للتاجير',
      'ايجار',
      'الايجار',
      'اجار',
      'الاجار',
      'لاجار',
      'تاجير',
      'استيجار',
      'تستاجر',
      'يستاجر',
    ],
    2: [
      'lease',
      'leasing',
      'renting',
      'sublet',
      'month to month',
      'month-to-month',
      'leasing office',
    ],
    1: [
      'tenant',
      'tenants',
      'landlord',
      'security deposit',
      'first and last',
      'first month',
      'utilities included',
      'heat included',
      'application fee',
      'pet rent',
      'waitlist',
      'waiting list',
      'resident',
      'residents',
      'apartment homes',
      'apartment community',
      'move-in',
      'move in',
      'income limits',
      'section 8',
      'inquilino',
      'arrendatario',
      'fiador',
      'codeudor',
      'administracion incluida',
      'caucao',
      'seguro fianca',
      'deposito de garantia',
      'مستاجر',
      'المستاجر',
      'دفعتين',
      'دفعات',
      'الدفعات',
      'دفعه واحده',
      'عقد سنه',
      'عقد سنوي',
    ],
  },
  sale: {
    3: [
      'for sale',
      'se vende',
      'vendo',
      'venta',
      'en venta',
      'a la venta',
      'vende',
      'vende-se',
      'vende se',
      'a venda',
      'venda',
      'para venda',
      'a vendre',
      'للبيع',
      'البيع',
      'بيع',
    ],
    2: ['sale', 'selling', 'freehold', 'asking price', 'precio de venta'],
    1: [
      'title deed',
      'closing costs',
      'down payment',
      'mortgage',
      'investment',
      'investors',
      'escritura',
      'escrituras',
      'escriturado',
      'credito hipotecario',
      'leasing habitacional',
      'hipoteca',
      'para remodelar',
      'valorizacion',
      'inversion',
      'inversionistas',
      'poner a rentar',
      'para rentar',
      'financiamento',
      'aceita financiamento',
      'fgts',
      'investimento',
      'صك',
      // Developments sell units off the plan: "preventa", "lançamento", "new launch".
      'preventa',
      'pre-venta',
      'pre venta',
      'lancamento',
      'new launch',
      'pre-launch',
      'off-plan',
      'off plan',
      'na planta',
      'en planos',
      'en pozo',
      // Instalments of a purchase price; a rent is not paid "بالتقسيط".
      'تقسيط',
      'بالتقسيط',
      'owner financing',
      // An asking or list price is a seller's; a rent says so with a period, a stronger cue.
      'asking',
      'listed at',
      'list price',
      'offers over',
      'enganche',
      'مشروع جديد',
    ],
  },
};

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
