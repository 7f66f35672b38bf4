import type { Language, Listing } from '../../../domain/listing';
import { LINK_PLACEHOLDER } from '../../../domain/draft';
import type { CopySet } from '../../copy';
import { PLATFORM_LIMITS, xLength } from '../../checks/platformLimits';
import {
  bathroomFacts,
  capitalise,
  counted,
  dealOf,
  featureNames,
  joinList,
  livingAreaText,
  lotAreaText,
  nounOf,
  placeOf,
  priceText,
} from './facts';
import { HASHTAGS, PHRASES } from './vocabulary';

/**
 * Template copy in the listing's language: plain, factual sentences built only from the
 * structured listing. It will not win an award, but it is never wrong, and an operator edits
 * from a correct draft faster than from a blank page.
 */
export function composeCopy(listing: Listing, language: Language): CopySet {
  const title = titleOf(listing, language);
  const short = shortOf(listing, language, title);
  const long = longOf(listing, language);
  return {
    title,
    short,
    long,
    social: {
      instagram: instagramOf(listing, language, title),
      facebook: `${title}\n\n${long}\n\n${PHRASES.details[language]}: ${LINK_PLACEHOLDER}`,
      x: xPostOf(listing, language, title),
      linkedin: linkedinOf(listing, language, short),
    },
  };
}

function titleOf(listing: Listing, language: Language): string {
  const noun = nounOf(listing, language);
  const deal = dealOf(listing, language);
  const place = listing.City ?? null;
  const beds = listing.BedroomsTotal;
  const hasBeds = beds !== null && beds !== undefined && beds > 0;
  switch (language) {
    case 'en': {
      const head = `${hasBeds ? `${beds}-bedroom ` : ''}${noun}`;
      return capitalise([head, deal, place ? `in ${place}` : null].filter(Boolean).join(' '));
    }
    case 'es': {
      const rooms = hasBeds ? `de ${counted('bedrooms', beds, language)}` : null;
      return capitalise(
        [noun, rooms, deal, place ? `en ${place}` : null].filter(Boolean).join(' '),
      );
    }
    case 'pt': {
      const rooms = hasBeds ? `com ${counted('bedrooms', beds, language)}` : null;
      return capitalise(
        [noun, rooms, deal, place ? `em ${place}` : null].filter(Boolean).join(' '),
      );
    }
    case 'ar': {
      // Noun, deal and place first; the room count after a dash reads naturally in Arabic.
      const head = [noun, deal, place ? `في ${place}` : null].filter(Boolean).join(' ');
      return hasBeds ? `${head} - ${counted('bedrooms', beds, language)}` : head;
    }
  }
}

/** Rooms, bathrooms and areas, in that order. */
function sizeFacts(listing: Listing, language: Language, withBedrooms: boolean): string[] {
  const facts: string[] = [];
  if (withBedrooms && listing.BedroomsTotal)
    facts.push(counted('bedrooms', listing.BedroomsTotal, language));
  facts.push(...bathroomFacts(listing, language));
  const living = livingAreaText(listing, language);
  if (living) facts.push(living);
  const lot = lotAreaText(listing, language);
  if (lot) facts.push(LOT[language](lot));
  return facts;
}

const LOT: Record<Language, (area: string) => string> = {
  en: (area) => `a ${area} lot`,
  es: (area) => `terreno de ${area}`,
  pt: (area) => `terreno de ${area}`,
  ar: (area) => `أرض بمساحة ${area}`,
};

function priceLine(listing: Listing, language: Language): string {
  const price = priceText(listing, language);
  if (!price) return PRICE_ON_REQUEST[language];
  const label = listing.ListingType === 'rent' ? PHRASES.rent[language] : PHRASES.price[language];
  // Some currency symbols end in a full stop ("د.إ."): do not add a second one.
  return `${label}: ${price}${/\.\u200f?$/.test(price) ? '' : '.'}`;
}

const PRICE_ON_REQUEST: Record<Language, string> = {
  en: 'Price on request.',
  es: 'Precio a consultar.',
  pt: 'Preço sob consulta.',
  ar: 'السعر عند الطلب.',
};

function shortOf(listing: Listing, language: Language, title: string): string {
  const facts = [...sizeFacts(listing, language, false), ...featureNames(listing, language)];
  const sep = language === 'ar' ? '، ' : ', ';
  const body = facts.length ? `${title}: ${facts.slice(0, 5).join(sep)}.` : `${title}.`;
  return `${body} ${priceLine(listing, language)}`;
}

function longOf(listing: Listing, language: Language): string {
  const noun = capitalise(nounOf(listing, language));
  const deal = dealOf(listing, language);
  const place = placeOf(listing);
  const where = place
    ? { en: `in ${place}`, es: `en ${place}`, pt: `em ${place}`, ar: `في ${place}` }[language]
    : null;
  const head = [noun, deal, where].filter(Boolean).join(' ');
  const facts = sizeFacts(listing, language, true);
  const paragraphs: string[] = [];
  if (facts.length) {
    const lead = { en: 'with', es: 'con', pt: 'com', ar: '،' }[language];
    paragraphs.push(
      language === 'ar'
        ? `${head}${lead} ${joinList(facts, language)}.`
        : `${head}, ${lead} ${joinList(facts, language)}.`,
    );
  } else {
    paragraphs.push(`${head}.`);
  }

  const extras: string[] = [];
  const features = featureNames(listing, language);
  if (features.length)
    extras.push(`${PHRASES.features[language]}: ${joinList(features, language)}.`);
  if (listing.ParkingTotal)
    extras.push(`${capitalise(counted('parking', listing.ParkingTotal, language))}.`);
  if (listing.Furnished === true) extras.push(PHRASES.furnished[language]);
  if (listing.PetsAllowed === true) extras.push(PHRASES.pets[language]);
  if (listing.YearBuilt) extras.push(`${PHRASES.built[language]} ${listing.YearBuilt}.`);
  if (extras.length) paragraphs.push(extras.join(' '));

  paragraphs.push(priceLine(listing, language));
  paragraphs.push(PHRASES.contact[language]);
  return paragraphs.join('\n\n');
}

function hashtag(word: string): string | null {
  const tag = word.replace(/[^\p{L}\p{N}]/gu, '');
  return tag ? `#${tag}` : null;
}

function hashtags(listing: Listing, language: Language, max: number): string[] {
  const words = HASHTAGS[language];
  const tags = [
    words.base,
    listing.ListingType ? words[listing.ListingType] : null,
    listing.City ? hashtag(listing.City) : null,
    hashtag(nounOf(listing, language)),
    ...featureNames(listing, language).map(hashtag),
  ].filter((t): t is string => Boolean(t));
  return [...new Set(tags)].slice(0, max);
}

function instagramOf(listing: Listing, language: Language, title: string): string {
  const lines = [`🏡 ${title}`, ''];
  if (listing.BedroomsTotal)
    lines.push(`🛏 ${counted('bedrooms', listing.BedroomsTotal, language)}`);
  const baths = bathroomFacts(listing, language);
  if (baths.length) lines.push(`🛁 ${baths.join(' + ')}`);
  const area = livingAreaText(listing, language) ?? lotAreaText(listing, language);
  if (area) lines.push(`📐 ${area}`);
  const features = featureNames(listing, language);
  if (features.length) lines.push(`✨ ${joinList(features, language)}`);
  const price = priceText(listing, language);
  lines.push(`💰 ${price ?? PRICE_ON_REQUEST[language]}`);
  lines.push('', PHRASES.contact[language], `${PHRASES.details[language]}: ${LINK_PLACEHOLDER}`);
  lines.push('', hashtags(listing, language, 10).join(' '));
  return lines.join('\n');
}

/** Facts are dropped from the end until the post fits X's 280 weighted characters. */
function xPostOf(listing: Listing, language: Language, title: string): string {
  const price = priceText(listing, language);
  const facts = [
    price,
    bathroomFacts(listing, language).join(' + ') || null,
    livingAreaText(listing, language) ?? lotAreaText(listing, language),
  ].filter((f): f is string => Boolean(f));
  const tags = hashtags(listing, language, 2);
  for (let keep = facts.length; keep >= 0; keep--) {
    for (const withTags of [true, false]) {
      const body = [title, ...facts.slice(0, keep)].join(' · ');
      const post = `${body}\n${LINK_PLACEHOLDER}${withTags && tags.length ? `\n${tags.join(' ')}` : ''}`;
      if (xLength(post) <= PLATFORM_LIMITS.x.maxLength) return post;
    }
  }
  return `${title.slice(0, 200)}\n${LINK_PLACEHOLDER}`;
}

function linkedinOf(listing: Listing, language: Language, short: string): string {
  const tags = hashtags(listing, language, 3).join(' ');
  return [
    `${PHRASES.newListing[language]}: ${short}`,
    PHRASES.contact[language],
    `${PHRASES.details[language]}: ${LINK_PLACEHOLDER}`,
    tags,
  ]
    .filter(Boolean)
    .join('\n\n');
}
