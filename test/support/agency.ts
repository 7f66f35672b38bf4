import { randomUUID } from 'node:crypto';
import type { TestDatabase } from './database';
import type { SecretBox } from '../../lib/crypto/secretBox';

export interface SeededAgency {
  agencyId: string;
  agentId: string;
  agentPhone: string;
  channelId: string;
  phoneNumberId: string;
}

/**
 * An agency with one agent and one WhatsApp number, written as the owner role. Its plan is Pro
 * unless asked otherwise (`plan: 'starter'`, or `null` for no subscription row at all), so the
 * drafting and publishing tests see every drafting feature; the plan tests ask for theirs.
 */
export async function seedAgency(
  db: TestDatabase,
  secrets: SecretBox,
  opts: {
    accessToken: string;
    phoneNumberId?: string;
    agentPhone?: string;
    language?: string;
    plan?: 'starter' | 'pro' | 'business' | 'enterprise' | null;
    settings?: Record<string, unknown>;
  },
): Promise<SeededAgency> {
  const agencyId = randomUUID();
  const suffix = agencyId.slice(0, 8);
  const phoneNumberId = opts.phoneNumberId ?? `pn-${suffix}`;
  const agentPhone = opts.agentPhone ?? `97250${Math.floor(1e6 + Math.random() * 8e6)}`;
  await db.owner('agencies').insert({
    id: agencyId,
    name: `Agency ${suffix}`,
    slug: `agency-${suffix}`,
    default_language: opts.language ?? 'en',
    ...(opts.settings ? { settings: JSON.stringify(opts.settings) } : {}),
  });
  const plan = opts.plan === undefined ? 'pro' : opts.plan;
  if (plan) await db.owner('subscriptions').insert({ agency_id: agencyId, plan, status: 'active' });
  const [agent] = await db
    .owner('users')
    .insert({ agency_id: agencyId, name: 'Agent', role: 'agent', whatsapp_phone: agentPhone })
    .returning('id');
  const [channel] = await db
    .owner('whatsapp_channels')
    .insert({
      agency_id: agencyId,
      phone_number_id: phoneNumberId,
      display_phone_number: '15550001111',
      access_token_encrypted: secrets.seal(opts.accessToken),
    })
    .returning('id');
  return { agencyId, agentId: agent.id, agentPhone, channelId: channel.id, phoneNumberId };
}
