import {
  LanguageSchema,
  type ExtractedField,
  type ExtractedFields,
  type Extraction,
} from '../../domain/listing';
import { extractAmenities } from './amenities';
import { applyCorrections, correctionClauses, withoutCorrections } from './corrections';
import { extractArea } from './area';
import { findCurrencies, type CurrencyMention } from './currency';
import { detectLanguage } from './language';
import { cueMentions, extractDeal, leaningDeal, namedDeal } from './listing-type';
import { extractLocation } from './location';
import { marketOf, type MarketSignal } from './market';
import { extractParking } from './parking';
import { extractPrice } from './price';
import { oneUnitStartingPrice } from './price-range';
import { isSaleSized } from './price-scale';
import { extractPropertyType } from './property-type';
import { extractRooms } from './rooms';
import { evidence, fold, type Doc } from './text';
import { extractYearBuilt } from './year-built';

/**
 * The local extraction provider: deterministic, offline rules that read a listing the way an
 * agent writes it on WhatsApp, in English, Spanish, Portuguese or Arabic. Every value carries
 * the span of the original text it was read from and a confidence; a field the text does not
 * state is left out.
 */

export interface ExtractOptions {
  /** The agency's currency (ISO 4217). Used for the Currency field only, when the text names none. */
  defaultCurrency?: string;
  /** The agency's language ("en", "es", "pt", "ar"), used when the text gives no clear signal. */
  language?: string;
}

export function extractListing(text: string, opts: ExtractOptions = {}): Extraction {
  const hint = LanguageSchema.safeParse(opts.language);
  const detected = detectLanguage(text, hint.success ? hint.data : undefined);
  const doc: Doc = { raw: text, folded: fold(text), language: detected.language };
  const defaultCurrency = opts.defaultCurrency?.toUpperCase();

  const market = marketOf(doc.folded);
  const currencies = findCurrencies(doc.folded, doc.language, defaultCurrency, market?.code);
  // Figures come from the text as first stated; corrections later in the burst replace them.
  const clauses = correctionClauses(doc.folded);
  const firstStated = withoutCorrections(doc, clauses);
  const cues = cueMentions(doc.folded);
  const price = extractPrice(firstStated, currencies, namedDeal(doc, cues), leaningDeal(cues));
  const currency = currencyField(doc, price.currency, currencies, defaultCurrency, market);
  // "Was $925,000, now $879,000": with no price first stated, the corrected one sizes the deal.
  const later =
    price.price || price.startingPrice || clauses.length === 0
      ? undefined
      : applyCorrections(doc, clauses, {}, currencies, undefined, cues).fields.ListPrice;
  const sized = price.price?.evidence ?? price.startingPrice ?? later?.evidence;
  const value = price.price?.value ?? price.startingPrice?.value ?? later?.value;
  const saleSized =
    sized && value !== undefined && isSaleSized(value, currency.Currency?.value)
      ? sized
      : undefined;
  const deal = extractDeal(doc, price.period, saleSized, cues);
  const rooms = extractRooms(firstStated);
  const area = extractArea(firstStated);
  const listPrice =
    price.price ??
    oneUnitStartingPrice(doc, price.startingPrice, rooms.BedroomsTotal, area.LivingArea);
  const stated: ExtractedFields = {
    ...(listPrice ? { ListPrice: listPrice } : {}),
    ...currency,
    ...deal,
    ...extractPropertyType(doc, deal.ListingType),
    ...rooms,
    ...area,
    ...extractParking(doc),
    ...extractYearBuilt(doc),
    ...extractLocation(doc),
    ...extractAmenities(doc),
  };
  const { fields } = applyCorrections(
    doc,
    clauses,
    stated,
    currencies,
    deal.ListingType?.value,
    cues,
  );
  // "R$ 180 mil ... ops, R$ 1,8 mi": with no cue, the corrected price's size tells the deal.
  const final = fields.ListPrice;
  if (
    final &&
    !fields.ListingType &&
    !fields.RentPeriod &&
    isSaleSized(final.value, fields.Currency?.value)
  ) {
    fields.ListingType = { value: 'sale', evidence: final.evidence, confidence: 0.8 };
  }
  return { language: doc.language, fields: roundConfidences(fields) };
}

/** Two decimals are all the precision a confidence has. */
function roundConfidences(fields: ExtractedFields): ExtractedFields {
  for (const field of Object.values(fields)) {
    if (!field) continue;
    for (const f of Array.isArray(field) ? field : [field]) {
      f.confidence = Math.round(Math.min(1, Math.max(0, f.confidence)) * 100) / 100;
    }
  }
  return fields;
}

/**
 * The currency written next to the price; else the first one the text names anywhere
 * ("Service charge: Ksh ..."); else the currency of the market the text is about (inferred);
 * else the agency's default, which has no evidence in the text.
 */
function currencyField(
  doc: Doc,
  atPrice: CurrencyMention | undefined,
  all: CurrencyMention[],
  defaultCurrency: string | undefined,
  market: MarketSignal | undefined,
): { Currency?: ExtractedField<string> } {
  const mention = atPrice?.code ? atPrice : all.find((c) => c.code !== null);
  if (mention?.code) {
    const confidence = (mention === atPrice ? 0.9 : 0.6) + (mention.explicit ? 0.05 : 0);
    return {
      Currency: {
        value: mention.code,
        evidence: evidence(doc, mention.start, mention.end),
        confidence,
      },
    };
  }
  // "1.35 Cr" in Whitefield: rupees, read from the market, so marked as inferred.
  if (market) {
    const ev = { ...evidence(doc, market.start, market.end), kind: 'inferred' as const };
    return { Currency: { value: market.code, evidence: ev, confidence: 0.5 } };
  }
  if (defaultCurrency && /^[A-Z]{3}$/.test(defaultCurrency)) {
    return { Currency: { value: defaultCurrency, evidence: null, confidence: 0.3 } };
  }
  return {};
}

export { detectLanguage } from './language';
export type { ExtractedField, Extraction } from '../../domain/listing';
