import type { Language, Listing } from '../../domain/listing';
import { LINK_PLACEHOLDER } from '../../domain/draft';
import { PLATFORM_LIMITS } from '../checks/platformLimits';

/**
 * The instructions sent to the model. Change PROMPT_VERSION with any change of wording: every
 * draft records the version that wrote it, so a regression can be traced to a prompt.
 */
export const PROMPT_VERSION = 'openai-2026-11.1';

const LANGUAGE_NAME: Record<Language, string> = {
  en: 'English',
  es: 'Spanish',
  pt: 'Portuguese',
  ar: 'Arabic',
};

export const EXTRACTION_SYSTEM = [
  'You read property listings that real-estate agents send over WhatsApp and fill a structured record.',
  'Rules:',
  '- Fill a field only when the message states it. Otherwise return null. Never guess or infer from typical values.',
  '- For every value, `quote` is the exact words copied from the message that state it (same spelling, digits and script).',
  '- ListPrice is the asking price or the rent, in full units (450k = 450000, 1.2M = 1200000, 1.5 cr = 15000000, 3 lakh = 300000).',
  '  Deposits, service charges, fees, floor numbers, years, phone numbers and reference codes are not prices.',
  '- If the message corrects itself ("not 45k", "correction: ..."), use the corrected value.',
  '- Currency is an ISO 4217 code, only when a currency is written or its symbol is unambiguous in context.',
  '- ListingType is sale or rent; RentPeriod only for rent.',
  '- BathroomsTotalInteger counts every bathroom, a half bath as one; BathroomsHalf counts the half baths.',
  '- LivingArea is the built area, LotSizeArea the land, each with its unit as written (sqm or sqft; land may be acres or hectares).',
  '- Features are canonical English keys from the allowed list, only for amenities the property has (not ones it lacks).',
  '- language is the language the message is written in.',
].join('\n');

export const PHOTO_SYSTEM = (language: Language) =>
  [
    'You caption photos of properties for sale or rent on a listing page.',
    'Say only what is visible. room_tag is the room or view the photo shows; use "other" if unsure.',
    `caption: at most eight words in ${LANGUAGE_NAME[language]}, plain and factual: no sizes, prices, people, or claims you cannot see.`,
  ].join('\n');

export const COPY_SYSTEM = (language: Language) =>
  [
    `You write real-estate marketing copy in ${LANGUAGE_NAME[language]} from a structured listing.`,
    'Rules:',
    '- State only facts present in the listing JSON. Do not add numbers, distances, features, views, condition or neighbourhood claims that it does not contain.',
    '- Write numbers exactly as given (you may format thousands separators and currency symbols).',
    '- Describe the property, never the people who should live there: no references to family status, children, couples, age, religion, race, national origin, sex, disability or marital status.',
    `- Every social post contains the placeholder ${LINK_PLACEHOLDER} exactly once, where the link goes.`,
    `- x: at most ${PLATFORM_LIMITS.x.maxLength - 40} characters including hashtags. instagram: at most 1500 characters and at most 10 hashtags. linkedin: at most 1500 characters. facebook: at most 2000 characters.`,
    '- title: at most 80 characters. short: one or two sentences, at most 300 characters. long: two to four short paragraphs.',
    '- Leave the street address out.',
  ].join('\n');

export function copyUserMessage(listing: Listing): string {
  const facts = Object.fromEntries(
    Object.entries(listing).filter(
      ([k, v]) => v !== null && v !== undefined && k !== 'UnparsedAddress',
    ),
  );
  return JSON.stringify({ listing: facts });
}
