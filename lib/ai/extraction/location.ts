import type { Evidence, ExtractedField } from '../../domain/listing';
import { alt, evidence, rx, WORD_END, WORD_START, type Doc } from './text';

/**
 * Where the property is, only from forms that say so unambiguously: a US street line and
 * "City, ST 12345", a labelled address ("Dirección: ..."), a Colombian street address
 * ("Calle 93 # 11-26"), a Brazilian CEP, coordinates (a pair with four or more decimals, or a
 * maps link), and the names of large cities and countries of the markets served.
 */

const US_STATES = new Set(
  'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC PR'.split(
    ' ',
  ),
);

const STREET_SUFFIXES = [
  'st',
  'street',
  'ave',
  'avenue',
  'blvd',
  'boulevard',
  'rd',
  'road',
  'dr',
  'drive',
  'ln',
  'lane',
  'ct',
  'court',
  'pl',
  'place',
  'way',
  'pkwy',
  'parkway',
  'ter',
  'terrace',
  'cir',
  'circle',
  'hwy',
  'highway',
];

/**
 * On the raw text: a number, then one to four capitalised words, then a suffix, at the start of
 * a line or after a colon or comma ("113 Travers Blvd", "Address: 12 N. Main St").
 */
const US_STREET = new RegExp(
  String.raw`(?:^|(?<=[:,]\s*))\d{1,6}\s+(?:[NSEW]\.?\s+)?(?!(?:OFF|Off|On|One|The)\s)(?:[A-Z0-9][A-Za-z0-9.'-]*\s+){1,4}?(?:${STREET_SUFFIXES.map((s) => s.charAt(0).toUpperCase() + s.slice(1)).join('|')})\.?(?![\p{L}])`,
  'gmu',
);
/** On the raw text: the state must be written in capitals. */
const US_CITY_STATE_ZIP =
  /(?<![\p{L}])(?<city>[A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*){0,3}),\s*(?<state>[A-Z]{2}),?\s+(?<zip>\d{5}(?:-\d{4})?)(?!\d)/gu;
const LABELLED = rx(
  String.raw`${WORD_START}(?:address|direccion|endereco|العنوان)\s*[:\-]\s*(?<value>[^\n]{4,100})`,
);
const CO_STREET = rx(
  String.raw`${WORD_START}(?:calle|cll|cl|carrera|cra|kra|kr|avenida|av|transversal|tv|diagonal|dg)\.?\s*\d{1,3}\s?[a-z]?(?:\s*bis)?\s*(?:#|no\.?|n°|nº)\s*\d{1,3}\s?[a-z]?\s*-\s*\d{1,3}${WORD_END}`,
);
const BR_CEP = rx(String.raw`${WORD_START}cep\s*:?\s*(?<cep>\d{5}-?\d{3})(?!\d)`);
const COORDINATES = rx(
  String.raw`(?<![\d.])(?<lat>-?\d{1,2}\.\d{4,})\s*,\s*(?<lon>-?\d{1,3}\.\d{4,})(?![\d])`,
);

interface Place {
  city?: string;
  country: string;
}

/** Folded name → place. Names that are also common words are left out. */
const PLACES: Record<string, Place> = {
  bogota: { city: 'Bogotá', country: 'CO' },
  medellin: { city: 'Medellín', country: 'CO' },
  barranquilla: { city: 'Barranquilla', country: 'CO' },
  bucaramanga: { city: 'Bucaramanga', country: 'CO' },
  nairobi: { city: 'Nairobi', country: 'KE' },
  mombasa: { city: 'Mombasa', country: 'KE' },
  kisumu: { city: 'Kisumu', country: 'KE' },
  riyadh: { city: 'Riyadh', country: 'SA' },
  الرياض: { city: 'الرياض', country: 'SA' },
  jeddah: { city: 'Jeddah', country: 'SA' },
  جده: { city: 'جدة', country: 'SA' },
  dammam: { city: 'Dammam', country: 'SA' },
  الدمام: { city: 'الدمام', country: 'SA' },
  khobar: { city: 'Khobar', country: 'SA' },
  'al khobar': { city: 'Al Khobar', country: 'SA' },
  'مكه المكرمه': { city: 'مكة المكرمة', country: 'SA' },
  'المدينه المنوره': { city: 'المدينة المنورة', country: 'SA' },
  dubai: { city: 'Dubai', country: 'AE' },
  دبي: { city: 'دبي', country: 'AE' },
  'abu dhabi': { city: 'Abu Dhabi', country: 'AE' },
  'sao paulo': { city: 'São Paulo', country: 'BR' },
  'rio de janeiro': { city: 'Rio de Janeiro', country: 'BR' },
  'belo horizonte': { city: 'Belo Horizonte', country: 'BR' },
  lisboa: { city: 'Lisboa', country: 'PT' },
  lisbon: { city: 'Lisbon', country: 'PT' },
  madrid: { city: 'Madrid', country: 'ES' },
  barcelona: { city: 'Barcelona', country: 'ES' },
  'ciudad de mexico': { city: 'Ciudad de México', country: 'MX' },
  cdmx: { city: 'Ciudad de México', country: 'MX' },
  'buenos aires': { city: 'Buenos Aires', country: 'AR' },
  colombia: { country: 'CO' },
  kenya: { country: 'KE' },
  'saudi arabia': { country: 'SA' },
  السعوديه: { country: 'SA' },
  brasil: { country: 'BR' },
  brazil: { country: 'BR' },
  portugal: { country: 'PT' },
  espana: { country: 'ES' },
  spain: { country: 'ES' },
  mexico: { country: 'MX' },
  argentina: { country: 'AR' },
  'united states': { country: 'US' },
  usa: { country: 'US' },
  uae: { country: 'AE' },
  الامارات: { country: 'AE' },
};
const PLACE_PATTERN = rx(
  String.raw`${WORD_START}(?:ب|في|و)?(?<name>${alt(Object.keys(PLACES))})${WORD_END}`,
);

export interface LocationReading {
  UnparsedAddress?: ExtractedField<string>;
  City?: ExtractedField<string>;
  StateOrProvince?: ExtractedField<string>;
  PostalCode?: ExtractedField<string>;
  Country?: ExtractedField<string>;
  Latitude?: ExtractedField<number>;
  Longitude?: ExtractedField<number>;
}

const inferred = (ev: Evidence): Evidence => ({ ...ev, kind: 'inferred' });

function first(pattern: RegExp, text: string): RegExpExecArray | null {
  pattern.lastIndex = 0;
  const match = pattern.exec(text);
  pattern.lastIndex = 0;
  return match;
}

function at(doc: Doc, start: number, text: string, confidence: number): ExtractedField<string> {
  return {
    value: text.trim(),
    evidence: evidence(doc, start, start + text.trim().length),
    confidence,
  };
}

export function extractLocation(doc: Doc): LocationReading {
  const { raw, folded } = doc;
  const reading: LocationReading = {};

  const labelled = first(LABELLED, folded);
  const labelValue = labelled?.indices?.groups?.value;
  if (labelled && labelValue) {
    reading.UnparsedAddress = at(doc, labelValue[0], raw.slice(labelValue[0], labelValue[1]), 0.85);
  }
  const street = first(US_STREET, raw) ?? first(CO_STREET, folded);
  if (street && !reading.UnparsedAddress) {
    reading.UnparsedAddress = at(
      doc,
      street.index,
      raw.slice(street.index, street.index + street[0].length),
      0.8,
    );
  }

  const csz = first(US_CITY_STATE_ZIP, raw);
  const groups = csz?.groups;
  if (csz && groups?.city && groups.state && groups.zip && US_STATES.has(groups.state)) {
    const ev = evidence(doc, csz.index, csz.index + csz[0].length);
    reading.City = { value: groups.city, evidence: ev, confidence: 0.85 };
    reading.StateOrProvince = { value: groups.state, evidence: ev, confidence: 0.9 };
    reading.PostalCode = { value: groups.zip, evidence: ev, confidence: 0.9 };
    reading.Country = { value: 'US', evidence: inferred(ev), confidence: 0.8 };
  }

  const cep = first(BR_CEP, folded);
  if (cep?.groups?.cep && !reading.PostalCode) {
    reading.PostalCode = {
      value: cep.groups.cep,
      evidence: evidence(doc, cep.index, cep.index + cep[0].length),
      confidence: 0.9,
    };
    reading.Country ??= {
      value: 'BR',
      evidence: inferred(evidence(doc, cep.index, cep.index + cep[0].length)),
      confidence: 0.7,
    };
  }

  for (const match of folded.matchAll(PLACE_PATTERN)) {
    const place = PLACES[match.groups?.name ?? ''];
    if (!place) continue;
    const nameAt = match.indices?.groups?.name?.[0] ?? match.index;
    const ev = evidence(doc, nameAt, match.index + match[0].length);
    if (place.city && !reading.City)
      reading.City = { value: place.city, evidence: ev, confidence: 0.75 };
    // A city's name states the city; the country only follows from it.
    if (!reading.Country)
      reading.Country = place.city
        ? { value: place.country, evidence: inferred(ev), confidence: 0.7 }
        : { value: place.country, evidence: ev, confidence: 0.85 };
  }

  for (const match of folded.matchAll(COORDINATES)) {
    const lat = Number(match.groups?.lat);
    const lon = Number(match.groups?.lon);
    if (Math.abs(lat) > 90 || Math.abs(lon) > 180) continue;
    const ev = evidence(doc, match.index, match.index + match[0].length);
    reading.Latitude = { value: lat, evidence: ev, confidence: 0.85 };
    reading.Longitude = { value: lon, evidence: ev, confidence: 0.85 };
    break;
  }
  return reading;
}
