import type { Queryable } from '../db';
import { TABLES } from '../db';
import type { CountryCode } from 'libphonenumber-js/min';
import { countryOfNumber, phoneCountry, toWhatsAppNumber, type WhatsAppNumber } from './index';

/**
 * The country an agency's people type national numbers in: `agencies.country`, else the
 * country of the agency's (first) WhatsApp business number, which is where its agents are.
 */
export async function agencyPhoneCountry(
  db: Queryable,
  agencyId: string,
): Promise<CountryCode | undefined> {
  const agency = await db(TABLES.agencies)
    .where({ id: agencyId })
    .first<{ country: string | null } | undefined>('country');
  const own = phoneCountry(agency?.country);
  if (own) return own;
  const channel = await db(TABLES.whatsappChannels)
    .where({ agency_id: agencyId })
    .whereNotNull('display_phone_number')
    .orderBy('created_at', 'asc')
    .first<{ display_phone_number: string } | undefined>('display_phone_number');
  return channel ? countryOfNumber(channel.display_phone_number) : undefined;
}

/** An agent's number as typed, in the agency's country, as WhatsApp will send it; null if none. */
export async function agentWhatsAppNumber(
  db: Queryable,
  agencyId: string,
  typed: string,
): Promise<WhatsAppNumber | null> {
  return toWhatsAppNumber(typed, await agencyPhoneCountry(db, agencyId));
}
