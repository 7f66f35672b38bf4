import type {
  ExtractedField,
  ListingType,
  PropertySubType,
  PropertyType,
} from '../../domain/listing';
import { alt, AR_PREFIX, evidence, rx, WORD_END, WORD_START, type Doc } from './text';

/**
 * What kind of property: the first property noun the agent writes ("2 BR apartment", "casa",
 * "vendo apto", "فيلا للإيجار"), as a RESO PropertySubType. The RESO PropertyType follows from
 * it and the deal ("Residential Lease" for a rented house); without a deal it stays empty,
 * except for land and farms, which are their own type whatever the deal.
 */

const SUBTYPE_WORDS: Record<PropertySubType, readonly string[]> = {
  Apartment: [
    'apartment',
    'apartments',
    'apt',
    'apts',
    'apto',
    'aptos',
    'apartamento',
    'apartamentos',
    'apartaestudio',
    'aparta-estudio',
    'departamento',
    'depto',
    'flat',
    'studio',
    'loft',
    'penthouse',
    'pent-house',
    'cobertura',
    'kitnet',
    'شقه',
    'شقق',
    'ستوديو',
    'استوديو',
  ],
  Condominium: ['condo', 'condos', 'condominium'],
  'Single Family Residence': [
    'house',
    'single family',
    'single-family',
    'villa',
    'villas',
    'bungalow',
    'mansion',
    'cottage',
    'casa',
    'casas',
    'chalet',
    'moradia',
    'vivenda',
    'sobrado',
    'فيلا',
    'فيلل',
    'فله',
    'فلل',
    'بيت',
    'منزل',
  ],
  Townhouse: [
    'townhouse',
    'townhome',
    'town house',
    'row house',
    'rowhouse',
    'casa adosada',
    'تاون هاوس',
  ],
  Duplex: ['duplex', 'دوبلكس', 'دبلكس', 'دبلوكس', 'دوبليكس'],
  Triplex: ['triplex'],
  Quadruplex: ['fourplex', 'quadruplex', '4-plex'],
  Cabin: ['cabin', 'cabana'],
  Farm: ['farm', 'ranch', 'finca', 'fazenda', 'chacara', 'مزرعه'],
  'Unimproved Land': [
    'vacant lot',
    'lot for sale',
    'land for sale',
    'plot',
    'acreage',
    'lote',
    'terreno',
    'قطعه ارض',
    'ارض للبيع',
    'ارض سكنيه',
    'ارض تجاريه',
  ],
  Office: [
    'office space',
    'office for rent',
    'office for sale',
    'oficina',
    'escritorio',
    'sala comercial',
  ],
  Retail: ['retail space', 'retail', 'local comercial', 'loja', 'محل تجاري', 'محلات تجاريه'],
  Warehouse: ['warehouse', 'galpao', 'nave industrial'],
};

const SUBTYPE_BY_WORD = new Map<string, PropertySubType>(
  (Object.entries(SUBTYPE_WORDS) as [PropertySubType, readonly string[]][]).flatMap(
    ([subtype, words]) => words.map((w) => [w.replace(/\s+/g, ' '), subtype] as const),
  ),
);

/** "open house" and "guest house" are not the property. */
const PATTERN = rx(
  String.raw`${WORD_START}(?<!open\s|guest\s|club\s|coffee\s|green\s)${AR_PREFIX}(?<word>${alt([...SUBTYPE_BY_WORD.keys()])})${WORD_END}`,
);

const RESIDENTIAL = new Set<PropertySubType>([
  'Apartment',
  'Condominium',
  'Single Family Residence',
  'Townhouse',
  'Duplex',
  'Triplex',
  'Quadruplex',
  'Cabin',
]);

function propertyType(
  subtype: PropertySubType,
  deal: ListingType | undefined,
): PropertyType | null {
  if (subtype === 'Unimproved Land') return 'Land';
  if (subtype === 'Farm') return 'Farm';
  if (!deal) return null;
  if (RESIDENTIAL.has(subtype)) return deal === 'rent' ? 'Residential Lease' : 'Residential';
  return deal === 'rent' ? 'Commercial Lease' : 'Commercial Sale';
}

export interface PropertyTypeReading {
  PropertySubType?: ExtractedField<PropertySubType>;
  PropertyType?: ExtractedField<PropertyType>;
}

export function extractPropertyType(
  doc: Doc,
  deal?: ExtractedField<ListingType>,
): PropertyTypeReading {
  for (const match of doc.folded.matchAll(PATTERN)) {
    const word = (match.groups?.word ?? '').replace(/\s+/g, ' ');
    const subtype = SUBTYPE_BY_WORD.get(word);
    if (!subtype) continue;
    const ev = evidence(doc, match.index, match.index + match[0].length);
    const inHeadline = !doc.folded.slice(0, match.index).includes('\n');
    const confidence = inHeadline ? 0.85 : 0.75;
    const reading: PropertyTypeReading = {
      PropertySubType: { value: subtype, evidence: ev, confidence },
    };
    const type = propertyType(subtype, deal?.value);
    if (type) {
      reading.PropertyType = {
        value: type,
        evidence: ev,
        confidence: Math.min(confidence, deal?.confidence ?? confidence),
      };
    }
    return reading;
  }
  return {};
}
