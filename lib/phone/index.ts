import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/min';

/**
 * Agents' WhatsApp numbers. WhatsApp names the sender of an inbound message by its E.164
 * number without the plus (`from: "447700900123"`), and the webhook routes a message to its
 * agent by comparing that with `users.whatsapp_phone`; so every number a person types is
 * parsed here (libphonenumber's metadata, the agency's country for national forms) and stored
 * in that same form. "+44 (0)7700 900123", "07700 900123" in a British agency and
 * "0044 7700 900123" all become 447700900123.
 *
 * Possible (right length for its country) rather than valid is the bar: reserved ranges such
 * as the UK's 07700 900xxx and North America's 555 are what demos and tests use, and a real
 * number that libphonenumber's metadata does not know yet must not be refused.
 */

export type WhatsAppNumber = string;

export const PHONE_HINT = 'Use the international number, e.g. +34 600 123 456';

/** The country an ISO 3166-1 alpha-2 code names, if libphonenumber knows it. */
export function phoneCountry(code: string | null | undefined): CountryCode | undefined {
  const upper = code?.trim().toUpperCase();
  return upper && isSupportedCountry(upper) ? upper : undefined;
}

/**
 * The number as WhatsApp sends it (E.164 digits), or null when `input` is no phone number.
 * Without a `country`, only international forms parse (a leading `+` or `00`, or the digits of
 * one, as WhatsApp itself shows them).
 */
export const PHONE_SHAPE = /^[+(]?[\d\s().\-/]{4,30}$/;

export function toWhatsAppNumber(input: string, country?: CountryCode): WhatsAppNumber | null {
  const typed = input.trim();
  if (!PHONE_SHAPE.test(typed)) return null;
  const digits = typed.replace(/\D/g, '');
  const candidates: Array<() => PhoneNumber | undefined> = [
    // "0034 ..." dials out of the agency's country; libphonenumber knows each country's
    // international prefix, and "00" is the one most of the world uses when no country is set.
    () =>
      parsePhoneNumberFromString(
        !country && typed.startsWith('00') ? `+${digits.slice(2)}` : typed,
        country ? { defaultCountry: country } : undefined,
      ),
    // "00" from a country whose own international prefix is another (011 in North America).
    () => (typed.startsWith('00') ? parsePhoneNumberFromString(`+${digits.slice(2)}`) : undefined),
    // Digits of an international number without its plus ("34600123456").
    () => (typed.startsWith('+') ? undefined : parsePhoneNumberFromString(`+${digits}`)),
  ];
  for (const parse of candidates) {
    const number = parse();
    if (number?.isPossible()) return number.number.slice(1);
  }
  return null;
}

/** The country of a stored or international number (the agency's WhatsApp business number). */
export function countryOfNumber(number: string): CountryCode | undefined {
  const parsed = parsePhoneNumberFromString(`+${number.replace(/\D/g, '')}`);
  // Reserved ranges (demo numbers) have no country of their own; their calling code does.
  return parsed?.country ?? parsed?.getPossibleCountries()[0];
}
