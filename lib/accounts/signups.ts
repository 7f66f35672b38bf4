import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db';
import { TABLES, isUniqueViolation, routeLogin, withTenant } from '../db';
import { randomToken, sha256Hex } from '../crypto/tokens';
import { createAgencyStore, slugify } from './agencyStore';
import { createUserStore, type User } from './userStore';
import { queueAccountEmail } from './accountEmails';
import { recordAudit } from '../audit/auditLog';

const CONFIRMATION_TTL_MS = 24 * 3600 * 1000;

export interface SignupRequest {
  agencyName: string;
  name: string;
  email: string;
  passwordHash: string;
  defaultLanguage: string;
  requestId: string;
}

interface ConfirmationRow {
  id: string;
  agency_id: string;
  user_id: string;
  token_hash: string;
  expires_at: Date;
}

/**
 * Records a sign-up without telling the caller whether the e-mail already has an account:
 * - a new address gets an agency whose owner waits in `invited` for the confirmation link;
 * - an address whose earlier sign-up was never confirmed gets that sign-up replaced (new
 *   password, name, link), so a stranger cannot squat an address by signing it up first;
 * - an address with an account gets a notice, and nothing else changes.
 * Each queues one e-mail to the address and returns the confirmation link (or null), for the
 * development log only; the HTTP answer is the same in all three cases.
 */
export async function requestSignup(
  db: Db,
  s: SignupRequest,
  linkFor: (token: string) => string,
): Promise<{ link: string | null }> {
  const token = `su_${randomToken()}`;
  const link = linkFor(token);
  const email = s.email.toLowerCase();
  const existing = await routeLogin(db, email);
  if (!existing) {
    try {
      await createPendingAgency(db, s, email, token, link);
      return { link };
    } catch (err) {
      // Someone signed this address up a moment ago: treat it as the known address it now is.
      if (!(isUniqueViolation(err) && err.constraint === 'users_email_unique')) throw err;
    }
  }
  const route = existing ?? (await routeLogin(db, email));
  if (!route) return { link: null };
  return withTenant(db, route.agency_id, async (tx) => {
    const pending = await tx<ConfirmationRow>(TABLES.signupConfirmations)
      .where({ user_id: route.user_id })
      .forUpdate()
      .first();
    if (pending) {
      await createUserStore(tx).update(route.user_id, {
        password_hash: s.passwordHash,
        name: s.name,
      });
      await tx(TABLES.agencies)
        .where({ id: route.agency_id })
        .update({ name: s.agencyName, default_language: s.defaultLanguage });
      await tx(TABLES.signupConfirmations)
        .where({ id: pending.id })
        .update({
          token_hash: sha256Hex(token),
          expires_at: new Date(Date.now() + CONFIRMATION_TTL_MS),
        });
      await queueAccountEmail(tx, {
        agencyId: route.agency_id,
        to: email,
        kind: 'confirm_signup',
        link,
      });
      return { link };
    }
    await queueAccountEmail(tx, {
      agencyId: route.agency_id,
      to: email,
      kind: 'signup_attempt',
      link: null,
    });
    return { link: null };
  });
}

async function createPendingAgency(
  db: Db,
  s: SignupRequest,
  email: string,
  token: string,
  link: string,
): Promise<void> {
  const agencyId = randomUUID();
  await withTenant(db, agencyId, async (tx) => {
    await createAgencyStore(tx).insert({
      id: agencyId,
      name: s.agencyName,
      // A short random tail keeps slugs unique without a check-then-insert race.
      slug: `${slugify(s.agencyName)}-${randomToken(3)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, 'x')}`,
      defaultLanguage: s.defaultLanguage,
    });
    const owner = await createUserStore(tx).insert({
      agencyId,
      email,
      name: s.name,
      role: 'owner',
      passwordHash: s.passwordHash,
      status: 'invited',
    });
    await tx(TABLES.subscriptions).insert({
      agency_id: agencyId,
      plan: 'starter',
      status: 'active',
    });
    await tx(TABLES.signupConfirmations).insert({
      agency_id: agencyId,
      user_id: owner.id,
      token_hash: sha256Hex(token),
      expires_at: new Date(Date.now() + CONFIRMATION_TTL_MS),
    });
    await queueAccountEmail(tx, { agencyId, to: email, kind: 'confirm_signup', link });
    await recordAudit(tx, {
      agencyId,
      actor: { type: 'user', id: owner.id },
      action: 'agency.created',
      target: { type: 'agency', id: agencyId },
      requestId: s.requestId,
    });
  });
}

export type ConfirmResult = { ok: true; user: User } | { ok: false; reason: 'unknown' | 'expired' };

/**
 * Confirms the sign-up whose link holds `token`, inside the agency's transaction `tx` (the
 * tenant comes from `route_signup_confirmation`): the owner becomes active and the link is
 * spent. The caller signs the owner in within the same transaction.
 */
export async function confirmSignup(tx: Tx, userId: string): Promise<ConfirmResult> {
  const row = await tx<ConfirmationRow>(TABLES.signupConfirmations)
    .where({ user_id: userId })
    .forUpdate()
    .first();
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.expires_at.getTime() <= Date.now()) return { ok: false, reason: 'expired' };
  await tx(TABLES.signupConfirmations).where({ id: row.id }).delete();
  const user = await createUserStore(tx).update(userId, {
    status: 'active',
    last_login_at: new Date(),
  });
  if (!user) return { ok: false, reason: 'unknown' };
  return { ok: true, user };
}
