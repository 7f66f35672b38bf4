import type { PublishableListing } from './listingSource';

/**
 * The facts table of the `posts` profile, in the listing's language. Values are formatted for
 * readers (currency, units, yes/no); the structured values go to meta in the `property` profile.
 */
type Lang = 'en' | 'es' | 'pt' | 'ar';

interface Labels {
  price: string;
  offer: string;
  type: string;
  bedrooms: string;
  bathrooms: string;
  livingArea: string;
  lotSize: string;
  yearBuilt: string;
  parking: string;
  address: string;
  city: string;
  furnished: string;
  pets: string;
  yes: string;
  no: string;
  sale: string;
  rent: string;
  per: Record<'daily' | 'weekly' | 'monthly' | 'yearly', string>;
}

const LABELS: Record<Lang, Labels> = {
  en: {
    price: 'Price',
    offer: 'Offer',
    type: 'Type',
    bedrooms: 'Bedrooms',
    bathrooms: 'Bathrooms',
    livingArea: 'Living area',
    lotSize: 'Lot size',
    yearBuilt: 'Year built',
    parking: 'Parking spaces',
    address: 'Address',
    city: 'City',
    furnished: 'Furnished',
    pets: 'Pets allowed',
    yes: 'Yes',
    no: 'No',
    sale: 'For sale',
    rent: 'For rent',
    per: { daily: 'day', weekly: 'week', monthly: 'month', yearly: 'year' },
  },
  es: {
    price: 'Precio',
    offer: 'Operación',
    type: 'Tipo',
    bedrooms: 'Dormitorios',
    bathrooms: 'Baños',
    livingArea: 'Superficie construida',
    lotSize: 'Superficie del terreno',
    yearBuilt: 'Año de construcción',
    parking: 'Plazas de aparcamiento',
    address: 'Dirección',
    city: 'Ciudad',
    furnished: 'Amueblado',
    pets: 'Se admiten mascotas',
    yes: 'Sí',
    no: 'No',
    sale: 'En venta',
    rent: 'En alquiler',
    per: { daily: 'día', weekly: 'semana', monthly: 'mes', yearly: 'año' },
  },
  pt: {
    price: 'Preço',
    offer: 'Negócio',
    type: 'Tipo',
    bedrooms: 'Quartos',
    bathrooms: 'Banheiros',
    livingArea: 'Área útil',
    lotSize: 'Área do terreno',
    yearBuilt: 'Ano de construção',
    parking: 'Vagas de garagem',
    address: 'Endereço',
    city: 'Cidade',
    furnished: 'Mobiliado',
    pets: 'Aceita animais',
    yes: 'Sim',
    no: 'Não',
    sale: 'À venda',
    rent: 'Para alugar',
    per: { daily: 'dia', weekly: 'semana', monthly: 'mês', yearly: 'ano' },
  },
  ar: {
    price: 'السعر',
    offer: 'نوع العرض',
    type: 'النوع',
    bedrooms: 'غرف النوم',
    bathrooms: 'الحمامات',
    livingArea: 'المساحة',
    lotSize: 'مساحة الأرض',
    yearBuilt: 'سنة البناء',
    parking: 'مواقف السيارات',
    address: 'العنوان',
    city: 'المدينة',
    furnished: 'مفروش',
    pets: 'يسمح بالحيوانات الأليفة',
    yes: 'نعم',
    no: 'لا',
    sale: 'للبيع',
    rent: 'للإيجار',
    per: { daily: 'يوم', weekly: 'أسبوع', monthly: 'شهر', yearly: 'سنة' },
  },
};

const UNITS: Record<string, string> = {
  sqm: 'm²',
  sqft: 'sq ft',
  acres: 'ac',
  hectares: 'ha',
};

export const langOf = (language: string): Lang =>
  (['en', 'es', 'pt', 'ar'] as const).find((l) => l === language) ?? 'en';

export const labelsFor = (language: string): Labels => LABELS[langOf(language)];

export function formatPrice(listing: PublishableListing): string | null {
  const { ListPrice, Currency, ListingType, RentPeriod } = listing.fields;
  if (ListPrice === null) return null;
  const lang = langOf(listing.language);
  const whole = Number.isInteger(ListPrice);
  const amount = Currency
    ? new Intl.NumberFormat(lang, {
        style: 'currency',
        currency: Currency,
        maximumFractionDigits: whole ? 0 : 2,
      }).format(ListPrice)
    : new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(ListPrice);
  if (ListingType === 'rent' && RentPeriod && RentPeriod in LABELS[lang].per) {
    return `${amount} / ${LABELS[lang].per[RentPeriod as keyof Labels['per']]}`;
  }
  return amount;
}

function area(value: number | null, units: string | null, lang: Lang): string | null {
  if (value === null) return null;
  const n = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 }).format(value);
  return units ? `${n} ${UNITS[units] ?? units}` : n;
}

/** `[label, value]` rows for every field the listing has, in reading order. */
export function factRows(listing: PublishableListing): Array<[string, string]> {
  const f = listing.fields;
  const lang = langOf(listing.language);
  const l = LABELS[lang];
  const num = (v: number | null) =>
    v === null ? null : new Intl.NumberFormat(lang, { useGrouping: false }).format(v);
  const bool = (v: boolean | null) => (v === null ? null : v ? l.yes : l.no);
  const address = [f.UnparsedAddress, f.PostalCode].filter(Boolean).join(', ') || null;
  const city = [f.City, f.StateOrProvince, f.Country].filter(Boolean).join(', ') || null;
  const rows: Array<[string, string | null]> = [
    [l.price, formatPrice(listing)],
    [l.offer, f.ListingType === 'sale' ? l.sale : f.ListingType === 'rent' ? l.rent : null],
    [l.type, f.PropertySubType ?? f.PropertyType],
    [l.bedrooms, num(f.BedroomsTotal)],
    [l.bathrooms, num(f.BathroomsTotalInteger)],
    [l.livingArea, area(f.LivingArea, f.LivingAreaUnits, lang)],
    [l.lotSize, area(f.LotSizeArea, f.LotSizeUnits, lang)],
    [l.yearBuilt, num(f.YearBuilt)],
    [l.parking, num(f.ParkingTotal)],
    [l.address, address],
    [l.city, city],
    [l.furnished, bool(f.Furnished)],
    [l.pets, bool(f.PetsAllowed)],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== null && r[1] !== '');
}

/** The post title: the listing's own, else one composed from its type, bedrooms and city. */
export function titleOf(listing: PublishableListing): string {
  if (listing.title) return listing.title;
  const f = listing.fields;
  const l = labelsFor(listing.language);
  const parts = [
    f.PropertySubType ?? f.PropertyType ?? (f.ListingType === 'rent' ? l.rent : l.sale),
    f.BedroomsTotal !== null ? `${f.BedroomsTotal} ${l.bedrooms.toLowerCase()}` : null,
    f.City,
  ];
  return parts.filter(Boolean).join(' · ');
}
