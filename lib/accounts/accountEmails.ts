import type { Queryable } from '../db';
import { TABLES } from '../db';

export type AccountEmailKind = 'confirm_signup' | 'signup_attempt';

/**
 * The outbox of e-mails about an account (confirm a sign-up; someone tried to sign up with
 * your address). A mailer sends and marks them; until the product has one, they wait here and
 * the API logs them outside production.
 */
export async function queueAccountEmail(
  db: Queryable,
  mail: { agencyId: string; to: string; kind: AccountEmailKind; link: string | null },
): Promise<void> {
  await db(TABLES.accountEmails).insert({
    agency_id: mail.agencyId,
    to_email: mail.to,
    kind: mail.kind,
    link: mail.link,
  });
}
