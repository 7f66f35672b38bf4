import type { Queryable } from './connection';

/**
 * Typed wrappers of the SECURITY DEFINER routing functions (migration
 * 20261126000003): the only reads the application makes before it knows the tenant.
 */
/** Which account an e-mail belongs to; the hash is read in that agency's transaction. */
export interface LoginRoute {
  user_id: string;
  agency_id: string;
}

async function first<T>(
  db: Queryable,
  sql: string,
  args: readonly string[],
): Promise<T | undefined> {
  const result: { rows: T[] } = await db.raw(sql, args);
  return result.rows[0];
}

export const routeLogin = (db: Queryable, email: string) =>
  first<LoginRoute>(db, 'select * from route_login(?)', [email]);

export const routeRefreshToken = (db: Queryable, tokenHash: string) =>
  first<{ token_id: string; user_id: string; agency_id: string }>(
    db,
    'select * from route_refresh_token(?)',
    [tokenHash],
  );

export const routeInvitation = (db: Queryable, tokenHash: string) =>
  first<{ user_id: string; agency_id: string }>(db, 'select * from route_invitation(?)', [
    tokenHash,
  ]);

export const routeSignupConfirmation = (db: Queryable, tokenHash: string) =>
  first<{ user_id: string; agency_id: string }>(db, 'select * from route_signup_confirmation(?)', [
    tokenHash,
  ]);

export const routeApiKey = (db: Queryable, prefix: string) =>
  first<{ api_key_id: string; agency_id: string }>(db, 'select * from route_api_key(?)', [prefix]);

export const routeWhatsAppChannel = (db: Queryable, phoneNumberId: string) =>
  first<{ channel_id: string; agency_id: string }>(db, 'select * from route_whatsapp_channel(?)', [
    phoneNumberId,
  ]);

export async function routeStripeCustomer(
  db: Queryable,
  customerId: string,
): Promise<string | undefined> {
  return (
    (await first<{ id: string | null }>(db, 'select route_stripe_customer(?) as id', [customerId]))
      ?.id ?? undefined
  );
}

export async function routeAgencySlug(db: Queryable, slug: string): Promise<string | undefined> {
  return (
    (await first<{ id: string | null }>(db, 'select route_agency_slug(?) as id', [slug]))?.id ??
    undefined
  );
}

export async function routePendingInbound(
  db: Queryable,
  olderThanSeconds: number,
): Promise<string[]> {
  const result: { rows: Array<{ agency_id: string }> } = await db.raw(
    'select agency_id from route_pending_inbound(make_interval(secs => ?))',
    [olderThanSeconds],
  );
  return result.rows.map((r) => r.agency_id);
}
