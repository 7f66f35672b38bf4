import type { ExtractedFields, Listing } from '../../domain/listing';
import { LINK_PLACEHOLDER } from '../../domain/draft';
import { extractListing } from '../extraction';
import { NUMBER, readAmount } from '../extraction/numbers';
import { fold } from '../extraction/text';
import { flagId, type CheckFlag, type CheckTarget, type Span } from './types';

/**
 * Grounding: the copy may state only what the structured listing states. Two passes:
 *
 * 1. Every number written in the copy (digits, Arabic-Indic digits, "450k", "1.2M") must be
 *    a number of the listing: price, counts, areas, year, parking, or a number in its address.
 * 2. The copy is read back with the same extractor that read the agent's message; a price,
 *    room count, area, parking count, year, sale/rent, furnished or pets value it finds must
 *    agree with the listing, and every named feature must be one of the listing's. This
 *    catches "3 bathrooms" when the listing has 3 bedrooms and 2 bathrooms, which pass 1
 *    cannot tell from a true "3".
 */
export const GROUNDING_VERSION = '2026-11.1';

const NUMBER_RX = new RegExp(NUMBER, 'gu');

export function checkGrounding(target: CheckTarget, listing: Listing): CheckFlag[] {
  const flags: CheckFlag[] = [];
  const content = target.content;
  const flag = (rule: string, message: string, span: Span) => {
    const id = flagId(rule, span);
    if (!flags.some((f) => f.id === id)) {
      flags.push({
        id,
        check: 'grounding',
        version: GROUNDING_VERSION,
        rule,
        severity: 'blocking',
        message,
        span,
      });
    }
  };

  const allowed = allowedNumbers(listing);
  const folded = maskLinks(fold(content));
  for (const match of folded.matchAll(NUMBER_RX)) {
    const start = match.index;
    const end = start + match[0].length;
    // "m2", "T3", "4bhk": a digit glued to a letter before it is part of a word or unit.
    if (start > 0 && /\p{L}/u.test(folded.charAt(start - 1))) continue;
    const amount = readAmount(folded, start, end, { moneyContext: true });
    const candidates = [amount?.value, Number(match[0].replace(/[,'\s]/g, ''))].filter(
      (v): v is number => typeof v === 'number' && Number.isFinite(v),
    );
    if (candidates.some((c) => allowed.some((a) => sameNumber(a, c)))) continue;
    const stop = amount?.end ?? end;
    flag('grounding.number', `"${content.slice(start, stop)}" is not a number of the listing.`, {
      start,
      end: stop,
      text: content.slice(start, stop),
    });
  }

  const readBack = extractListing(content, { language: target.language }).fields;
  for (const mismatch of readBackMismatches(readBack, listing)) {
    flag(mismatch.rule, mismatch.message, mismatch.span);
  }
  flags.sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
  return flags;
}

function maskLinks(text: string): string {
  return text.split(LINK_PLACEHOLDER).join(' '.repeat(LINK_PLACEHOLDER.length));
}

function sameNumber(expected: number, written: number): boolean {
  if (expected === written) return true;
  // Rounded prices ("1.2M" for 1,195,000) are the same price; small numbers must be exact.
  return expected >= 1000 && Math.abs(expected - written) <= 0.005 * expected;
}

function allowedNumbers(listing: Listing): number[] {
  const numbers: number[] = [];
  const add = (v: number | null | undefined) => {
    if (typeof v === 'number' && Number.isFinite(v)) numbers.push(v);
  };
  add(listing.ListPrice);
  add(listing.BedroomsTotal);
  add(listing.BathroomsTotalInteger);
  add(listing.BathroomsHalf);
  if (listing.BathroomsTotalInteger && listing.BathroomsHalf)
    add(listing.BathroomsTotalInteger - listing.BathroomsHalf);
  add(listing.LivingArea);
  add(listing.LotSizeArea);
  add(listing.YearBuilt);
  add(listing.ParkingTotal);
  add(listing.Latitude);
  add(listing.Longitude);
  for (const text of [
    listing.UnparsedAddress,
    listing.City,
    listing.StateOrProvince,
    listing.PostalCode,
  ]) {
    for (const m of (text ?? '').matchAll(/\d+(?:[.,]\d+)?/g)) add(Number(m[0].replace(',', '.')));
  }
  return numbers;
}

interface Mismatch {
  rule: string;
  message: string;
  span: Span;
}

function readBackMismatches(read: ExtractedFields, listing: Listing): Mismatch[] {
  const out: Mismatch[] = [];
  const compare = <T>(
    name: string,
    field: { value: T; evidence: Span | null } | undefined,
    accepted: ReadonlyArray<T | null | undefined>,
    equal: (a: T, b: T) => boolean = (a, b) => a === b,
  ) => {
    if (!field?.evidence) return;
    const ok = accepted.some((a) => a !== null && a !== undefined && equal(a, field.value));
    if (ok) return;
    const known = accepted.find((a) => a !== null && a !== undefined);
    out.push({
      rule: `grounding.${name}`,
      message:
        known === undefined
          ? `The copy states ${name} "${field.evidence.text}"; the listing has none.`
          : `The copy states ${name} "${field.evidence.text}"; the listing says ${String(known)}.`,
      span: field.evidence,
    });
  };
  const total = listing.BathroomsTotalInteger;
  const half = listing.BathroomsHalf ?? 0;
  compare('price', read.ListPrice, [listing.ListPrice], sameNumber);
  compare('currency', read.Currency, [listing.Currency]);
  compare('listing_type', read.ListingType, [listing.ListingType]);
  compare('bedrooms', read.BedroomsTotal, [listing.BedroomsTotal]);
  compare('bathrooms', read.BathroomsTotalInteger, [
    total,
    total !== null && total !== undefined ? total - half : null,
  ]);
  compare('area', read.LivingArea, [listing.LivingArea, listing.LotSizeArea], sameNumber);
  compare('area', read.LotSizeArea, [listing.LotSizeArea, listing.LivingArea], sameNumber);
  compare('parking', read.ParkingTotal, [listing.ParkingTotal]);
  compare('year_built', read.YearBuilt, [listing.YearBuilt]);
  compare('furnished', read.Furnished, [listing.Furnished]);
  compare('pets', read.PetsAllowed, [listing.PetsAllowed]);

  const features = new Set(listing.Features ?? []);
  if (listing.ParkingTotal) features.add('parking');
  for (const feature of read.Features ?? []) {
    if (features.has(feature.value) || !feature.evidence) continue;
    out.push({
      rule: 'grounding.feature',
      message: `The copy names "${feature.evidence.text}" (${feature.value}); the listing does not have it.`,
      span: feature.evidence,
    });
  }
  return out;
}
