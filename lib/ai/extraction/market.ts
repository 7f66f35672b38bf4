import { alt, rx, WORD_END, WORD_START } from './text';

/**
 * The market a text is written for, when it names no currency but says where it is or counts
 * money the local way: "lakh" and "crore" are Indian (and Pakistani) numbering, "Whitefield,
 * Bangalore" or "Lekki" are places. It resolves a shared mark ("$", "N85m", "دينار") to that
 * market's currency and, failing any mark, names the currency as inferred, never as stated.
 * Only names that belong to one country are listed: "Hyderabad" is Indian and Pakistani.
 */

export interface MarketSignal {
  code: string;
  start: number;
  end: number;
}

const PLACES: Record<string, string> = {
  // India
  mumbai: 'INR',
  bombay: 'INR',
  bangalore: 'INR',
  bengaluru: 'INR',
  delhi: 'INR',
  'new delhi': 'INR',
  gurgaon: 'INR',
  gurugram: 'INR',
  noida: 'INR',
  pune: 'INR',
  chennai: 'INR',
  kolkata: 'INR',
  ahmedabad: 'INR',
  whitefield: 'INR',
  andheri: 'INR',
  bandra: 'INR',
  thane: 'INR',
  'banjara hills': 'INR',
  'jubilee hills': 'INR',
  // Pakistan
  karachi: 'PKR',
  lahore: 'PKR',
  islamabad: 'PKR',
  rawalpindi: 'PKR',
  dha: 'PKR',
  bahria: 'PKR',
  marla: 'PKR',
  kanal: 'PKR',
  // Nigeria
  lagos: 'NGN',
  lekki: 'NGN',
  ikoyi: 'NGN',
  'victoria island': 'NGN',
  abuja: 'NGN',
  ajah: 'NGN',
  // Latin America and elsewhere, for "$"
  cdmx: 'MXN',
  'ciudad de mexico': 'MXN',
  guadalajara: 'MXN',
  zapopan: 'MXN',
  monterrey: 'MXN',
  cancun: 'MXN',
  polanco: 'MXN',
  'buenos aires': 'ARS',
  palermo: 'ARS',
  cordoba: 'ARS',
  rosario: 'ARS',
  bogota: 'COP',
  medellin: 'COP',
  cali: 'COP',
  cartagena: 'COP',
  barranquilla: 'COP',
  santiago: 'CLP',
  sydney: 'AUD',
  melbourne: 'AUD',
  brisbane: 'AUD',
  perth: 'AUD',
  toronto: 'CAD',
  vancouver: 'CAD',
  montreal: 'CAD',
  // South Africa, for a plain "R": its cities, and the erf (the plot) only its listings name.
  johannesburg: 'ZAR',
  sandton: 'ZAR',
  pretoria: 'ZAR',
  'cape town': 'ZAR',
  durban: 'ZAR',
  'sea point': 'ZAR',
  fourways: 'ZAR',
  erf: 'ZAR',
  kuwait: 'KWD',
  الكويت: 'KWD',
  amman: 'JOD',
  عمان: 'JOD',
  manama: 'BHD',
  المنامه: 'BHD',
};

/** Lakh and crore: rupees, Indian unless a Pakistani place says otherwise. */
const RUPEE_NUMBERING = ['lakh', 'lakhs', 'lac', 'lacs', 'crore', 'crores', 'cr'];

const PLACE_PATTERN = rx(String.raw`${WORD_START}(?:${alt(Object.keys(PLACES))})${WORD_END}`);
const NUMBERING_PATTERN = rx(String.raw`\d\s*(?<w>${alt(RUPEE_NUMBERING)})\.?${WORD_END}`);

export function marketOf(folded: string): MarketSignal | undefined {
  let place: MarketSignal | undefined;
  for (const m of folded.matchAll(PLACE_PATTERN)) {
    const code = PLACES[m[0].replace(/\s+/g, ' ')];
    if (code) {
      place = { code, start: m.index, end: m.index + m[0].length };
      break;
    }
  }
  const numbering = NUMBERING_PATTERN.exec(folded);
  NUMBERING_PATTERN.lastIndex = 0;
  if (numbering) {
    if (place && (place.code === 'INR' || place.code === 'PKR')) return place;
    // Lakh and crore with a place of another market: the text does not settle it.
    if (place) return undefined;
    const span = numbering.indices?.groups?.w ?? [numbering.index, numbering.index];
    return { code: 'INR', start: span[0], end: span[1] };
  }
  return place;
}
