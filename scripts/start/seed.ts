import { randomUUID } from 'node:crypto';
import {
  TABLES,
  routeAgencySlug,
  routeLogin,
  routeWhatsAppChannel,
  withTenant,
  type Tx,
} from '../../lib/db';
import type { Db } from '../../lib/db';
import { createAgencyStore } from '../../lib/accounts/agencyStore';
import { createUserStore, type User } from '../../lib/accounts/userStore';
import { recordAudit } from '../../lib/audit/auditLog';
import { hashPassword, verifyPassword } from '../../lib/auth/passwords';
import type { SecretBox } from '../../lib/crypto/secretBox';
import { say, warn } from './log';
import { toWhatsAppNumber } from '../../lib/phone';

/**
 * A demo tenant, so a fresh `npm start` can be logged into and sent a WhatsApp message at once.
 * Idempotent: each row is looked up before it is created and nothing existing is changed, so
 * edits made in the dashboard survive restarts. Everything is written through the application
 * role inside `withTenant`, the same path (and the same RLS policies) the API uses.
 */
function demoNumber(typed: string): string {
  const number = toWhatsAppNumber(typed);
  if (!number) throw new Error(`not a phone number: ${typed}`);
  return number;
}

export const DEMO = {
  agencyName: 'Demo Realty',
  agencySlug: 'demo-realty',
  ownerEmail: 'owner@demo.realty',
  ownerName: 'Demo Owner',
  agentName: 'Demo Agent',
  // As the owner would type it; stored as WhatsApp sends it (15550001111).
  agentPhone: demoNumber('+1 (555) 000-1111'),
  phoneNumberId: 'demo-phone-number-id',
  displayPhoneNumber: '15550000000',
  // A placeholder: replies to agents fail at Meta until a real token is stored for the channel.
  accessToken: 'demo-access-token',
  plan: 'starter',
} as const;

export interface DemoLogin {
  email: string;
  /** False when the owner's password was changed after seeding (the printed one is stale). */
  passwordIsCurrent: boolean;
}

const SYSTEM = { type: 'system' as const, id: 'npm-start' };

async function ensureOwner(tx: Tx, agencyId: string, password: string): Promise<DemoLogin> {
  const existing = await tx<User>(TABLES.users)
    .whereRaw('lower(email) = ?', [DEMO.ownerEmail])
    .first();
  if (existing) {
    const current = Boolean(
      existing.password_hash && (await verifyPassword(existing.password_hash, password)),
    );
    return { email: DEMO.ownerEmail, passwordIsCurrent: current };
  }
  const owner = await createUserStore(tx).insert({
    agencyId,
    email: DEMO.ownerEmail,
    name: DEMO.ownerName,
    role: 'owner',
    passwordHash: await hashPassword(password),
    status: 'active',
  });
  await recordAudit(tx, {
    agencyId,
    actor: SYSTEM,
    action: 'user.created',
    target: { type: 'user', id: owner.id },
  });
  return { email: DEMO.ownerEmail, passwordIsCurrent: true };
}

async function ensureAgent(
  tx: Tx,
  agencyId: string,
  phone: string = DEMO.agentPhone,
  name: string = DEMO.agentName,
): Promise<void> {
  const existing = await tx<User>(TABLES.users).where({ whatsapp_phone: phone }).first();
  if (existing) return;
  const agent = await createUserStore(tx).insert({
    agencyId,
    email: null,
    name,
    role: 'agent',
    whatsappPhone: phone,
    status: 'active',
  });
  await recordAudit(tx, {
    agencyId,
    actor: SYSTEM,
    action: 'user.created',
    target: { type: 'user', id: agent.id },
  });
}

/**
 * A real WhatsApp number for the demo agency, from the environment: the Meta app's phone
 * number id and a (system user's) access token, and the person who will write to it.
 */
export interface RealWhatsApp {
  phoneNumberId: string;
  accessToken: string;
  displayPhoneNumber?: string;
  agentPhone?: string;
}

export function realWhatsAppFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): RealWhatsApp | undefined {
  const phoneNumberId = env.WHATSAPP_PHONE_NUMBER_ID?.trim();
  const accessToken = env.WHATSAPP_ACCESS_TOKEN?.trim();
  if (!phoneNumberId && !accessToken) return undefined;
  if (!phoneNumberId || !accessToken)
    throw new Error('Set both WHATSAPP_PHONE_NUMBER_ID and WHATSAPP_ACCESS_TOKEN, or neither');
  const display = env.WHATSAPP_DISPLAY_PHONE_NUMBER?.trim();
  const agent = env.DEMO_AGENT_PHONE?.trim();
  const agentPhone = agent ? toWhatsAppNumber(agent) : undefined;
  if (agent && !agentPhone) throw new Error(`DEMO_AGENT_PHONE is not a phone number: ${agent}`);
  const displayPhoneNumber = display ? toWhatsAppNumber(display) : undefined;
  return {
    phoneNumberId,
    accessToken,
    ...(displayPhoneNumber ? { displayPhoneNumber } : {}),
    ...(agentPhone ? { agentPhone } : {}),
  };
}

async function ensureChannel(
  tx: Tx,
  agencyId: string,
  secrets: SecretBox,
  real?: RealWhatsApp,
): Promise<void> {
  const phoneNumberId = real?.phoneNumberId ?? DEMO.phoneNumberId;
  const token = real?.accessToken ?? DEMO.accessToken;
  const display = real ? (real.displayPhoneNumber ?? null) : DEMO.displayPhoneNumber;
  // phone_number_id is unique across agencies; the routing function sees past RLS.
  const route = await routeWhatsAppChannel(tx, phoneNumberId);
  if (route) {
    if (route.agency_id !== agencyId) {
      warn(`WhatsApp phone_number_id ${phoneNumberId} belongs to another agency; skipped`);
    } else if (real) {
      // The token is the one thing a person rotates: the environment's is current.
      await tx(TABLES.whatsappChannels)
        .where({ phone_number_id: phoneNumberId })
        .update({ access_token_encrypted: secrets.seal(token), display_phone_number: display });
    }
    return;
  }
  if (real) {
    // Starter has one WhatsApp number: the real one takes the stand-in's place.
    const replaced = await tx(TABLES.whatsappChannels)
      .where({ agency_id: agencyId, phone_number_id: DEMO.phoneNumberId })
      .update({
        phone_number_id: phoneNumberId,
        display_phone_number: display,
        access_token_encrypted: secrets.seal(token),
      });
    if (replaced) return;
  }
  await tx(TABLES.whatsappChannels).insert({
    agency_id: agencyId,
    phone_number_id: phoneNumberId,
    display_phone_number: display,
    access_token_encrypted: secrets.seal(token),
  });
}

async function ensureSubscription(tx: Tx, agencyId: string): Promise<void> {
  await tx(TABLES.subscriptions)
    .insert({ agency_id: agencyId, plan: DEMO.plan, status: 'active' })
    .onConflict('agency_id')
    .ignore();
}

export async function seedDemo(
  db: Db,
  opts: { ownerPassword: string; secrets: SecretBox; realWhatsApp?: RealWhatsApp },
): Promise<DemoLogin | undefined> {
  // E-mails are unique across agencies, and login happens before the tenant is known.
  const login = await routeLogin(db, DEMO.ownerEmail);
  const existingId = await routeAgencySlug(db, DEMO.agencySlug);
  if (login && login.agency_id !== existingId) {
    warn(`${DEMO.ownerEmail} already belongs to another agency; the demo agency was not seeded`);
    return undefined;
  }
  const agencyId = existingId ?? randomUUID();
  const result = await withTenant(db, agencyId, async (tx) => {
    if (!existingId) {
      await createAgencyStore(tx).insert({
        id: agencyId,
        name: DEMO.agencyName,
        slug: DEMO.agencySlug,
      });
      await recordAudit(tx, {
        agencyId,
        actor: SYSTEM,
        action: 'agency.created',
        target: { type: 'agency', id: agencyId },
      });
    }
    const owner = await ensureOwner(tx, agencyId, opts.ownerPassword);
    await ensureAgent(tx, agencyId);
    if (opts.realWhatsApp?.agentPhone)
      await ensureAgent(tx, agencyId, opts.realWhatsApp.agentPhone, 'You (WhatsApp)');
    await ensureChannel(tx, agencyId, opts.secrets, opts.realWhatsApp);
    await ensureSubscription(tx, agencyId);
    return owner;
  });
  say(existingId ? 'demo agency "Demo Realty" is in place' : 'seeded demo agency "Demo Realty"');
  return result;
}
