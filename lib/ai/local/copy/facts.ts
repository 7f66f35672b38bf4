import type { Language, Listing } from '../../../domain/listing';
import {
  AND,
  AREA_UNIT,
  DEAL,
  FEATURE_NAME,
  GENERIC_NOUN,
  LOCALES,
  PERIOD,
  SUB_TYPE_NOUN,
  TYPE_NOUN,
} from './vocabulary';

/**
 * The listing's facts as phrases of one language: counts with their nouns (Arabic's dual and
 * plural forms included), prices and areas in the language's number format, the property
 * noun, and the features by name. Each returns null when the listing lacks the fact.
 */

export type CountKind = 'bedrooms' | 'bathrooms' | 'halfBaths' | 'parking';

const EN: Record<CountKind, [string, string]> = {
  bedrooms: ['bedroom', 'bedrooms'],
  bathrooms: ['bathroom', 'bathrooms'],
  halfBaths: ['half bath', 'half baths'],
  parking: ['parking space', 'parking spaces'],
};
const ES: Record<CountKind, [string, string]> = {
  bedrooms: ['habitación', 'habitaciones'],
  bathrooms: ['baño', 'baños'],
  halfBaths: ['medio baño', 'medios baños'],
  parking: ['plaza de estacionamiento', 'plazas de estacionamiento'],
};
const PT: Record<CountKind, [string, string]> = {
  bedrooms: ['quarto', 'quartos'],
  bathrooms: ['banheiro', 'banheiros'],
  halfBaths: ['lavabo', 'lavabos'],
  parking: ['vaga de garagem', 'vagas de garagem'],
};
/** Arabic: one (noun + "one"), two (the dual), 3-10 (plural), 11+ (singular accusative). */
const AR: Record<CountKind, { one: string; two: string; few: string; many: string }> = {
  bedrooms: { one: 'غرفة نوم واحدة', two: 'غرفتا نوم', few: 'غرف نوم', many: 'غرفة نوم' },
  bathrooms: { one: 'حمام واحد', two: 'حمامان', few: 'حمامات', many: 'حمامًا' },
  halfBaths: { one: 'حمام ضيوف واحد', two: 'حماما ضيوف', few: 'حمامات ضيوف', many: 'حمام ضيوف' },
  parking: {
    one: 'موقف سيارة واحد',
    two: 'موقفا سيارات',
    few: 'مواقف سيارات',
    many: 'موقف سيارات',
  },
};

export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { maximumFractionDigits: 2 }).format(value);
}

export function counted(kind: CountKind, n: number, language: Language): string {
  if (language === 'ar') {
    const w = AR[kind];
    if (n === 1) return w.one;
    if (n === 2) return w.two;
    return `${formatNumber(n, language)} ${n <= 10 ? w.few : w.many}`;
  }
  const words = (language === 'es' ? ES : language === 'pt' ? PT : EN)[kind];
  return `${formatNumber(n, language)} ${n === 1 ? words[0] : words[1]}`;
}

export function priceText(listing: Listing, language: Language): string | null {
  if (listing.ListPrice === null || listing.ListPrice === undefined) return null;
  const amount = listing.Currency
    ? new Intl.NumberFormat(LOCALES[language], {
        style: 'currency',
        currency: listing.Currency,
        maximumFractionDigits: 0,
      }).format(listing.ListPrice)
    : formatNumber(listing.ListPrice, language);
  const period =
    listing.ListingType === 'rent' && listing.RentPeriod
      ? ` ${PERIOD[listing.RentPeriod][language]}`
      : '';
  return `${amount}${period}`;
}

export function livingAreaText(listing: Listing, language: Language): string | null {
  if (!listing.LivingArea || !listing.LivingAreaUnits) return null;
  return `${formatNumber(listing.LivingArea, language)} ${AREA_UNIT[listing.LivingAreaUnits][language]}`;
}

export function lotAreaText(listing: Listing, language: Language): string | null {
  if (!listing.LotSizeArea || !listing.LotSizeUnits) return null;
  return `${formatNumber(listing.LotSizeArea, language)} ${AREA_UNIT[listing.LotSizeUnits][language]}`;
}

export function nounOf(listing: Listing, language: Language): string {
  if (listing.PropertySubType) return SUB_TYPE_NOUN[listing.PropertySubType][language];
  if (listing.PropertyType) return TYPE_NOUN[listing.PropertyType][language];
  return GENERIC_NOUN[language];
}

export function dealOf(listing: Listing, language: Language): string | null {
  return listing.ListingType ? DEAL[listing.ListingType][language] : null;
}

export function placeOf(listing: Listing): string | null {
  // The street address stays out of public copy: agents often withhold it until a viewing.
  const parts = [listing.City, listing.StateOrProvince].filter(
    (p, i, all): p is string => Boolean(p) && all.indexOf(p) === i,
  );
  return parts.length ? parts.join(', ') : null;
}

export function featureNames(listing: Listing, language: Language): string[] {
  return (listing.Features ?? [])
    .map((key) => FEATURE_NAME[key]?.[language])
    .filter((name): name is string => Boolean(name));
}

/** Full and half bathrooms as separate phrases ("2 bathrooms", "1 half bath"). */
export function bathroomFacts(listing: Listing, language: Language): string[] {
  const total = listing.BathroomsTotalInteger;
  if (total === null || total === undefined) return [];
  const half = listing.BathroomsHalf ?? 0;
  if (!half || half >= total) return [counted('bathrooms', total, language)];
  return [counted('bathrooms', total - half, language), counted('halfBaths', half, language)];
}

export function joinList(items: readonly string[], language: Language): string {
  if (items.length <= 1) return items[0] ?? '';
  const sep = language === 'ar' ? '، ' : ', ';
  const and = language === 'ar' ? ' و' : ` ${AND[language]} `;
  return `${items.slice(0, -1).join(sep)}${and}${items[items.length - 1]}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
