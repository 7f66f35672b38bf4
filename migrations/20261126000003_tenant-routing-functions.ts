import type { Knex } from 'knex';

/**
 * The few lookups that happen before the tenant is known (login by e-mail, a refresh token,
 * an invitation, an API key prefix, a WhatsApp phone_number_id, a Stripe customer, a
 * subdomain). Each is one narrow SECURITY DEFINER function that returns just what routing
 * needs, so RLS never has to be switched off for the application role.
 */
const FUNCTIONS: Array<{ signature: string; body: string }> = [
  {
    signature: 'route_login(p_email text)',
    body: `returns table (user_id uuid, agency_id uuid, role text, status text, password_hash text)
      language sql stable security definer set search_path = public, pg_temp
      as $$ select id, agency_id, role, status, password_hash from users
            where lower(email) = lower(p_email) $$`,
  },
  {
    signature: 'route_refresh_token(p_token_hash text)',
    body: `returns table (token_id uuid, user_id uuid, agency_id uuid)
      language sql stable security definer set search_path = public, pg_temp
      as $$ select id, user_id, agency_id from refresh_tokens where token_hash = p_token_hash $$`,
  },
  {
    signature: 'route_invitation(p_token_hash text)',
    body: `returns table (user_id uuid, agency_id uuid)
      language sql stable security definer set search_path = public, pg_temp
      as $$ select id, agency_id from users
            where invite_token_hash = p_token_hash and status = 'invited' $$`,
  },
  {
    signature: 'route_api_key(p_prefix text)',
    body: `returns table (api_key_id uuid, agency_id uuid)
      language sql stable security definer set search_path = public, pg_temp
      as $$ select id, agency_id from api_keys where prefix = p_prefix and revoked_at is null $$`,
  },
  {
    signature: 'route_whatsapp_channel(p_phone_number_id text)',
    body: `returns table (channel_id uuid, agency_id uuid)
      language sql stable security definer set search_path = public, pg_temp
      as $$ select id, agency_id from whatsapp_channels where phone_number_id = p_phone_number_id $$`,
  },
  {
    signature: 'route_stripe_customer(p_customer_id text)',
    body: `returns uuid
      language sql stable security definer set search_path = public, pg_temp
      as $$ select id from agencies where stripe_customer_id = p_customer_id $$`,
  },
  {
    signature: 'route_agency_slug(p_slug text)',
    body: `returns uuid
      language sql stable security definer set search_path = public, pg_temp
      as $$ select id from agencies where slug = lower(p_slug) $$`,
  },
];

const appRole = () => process.env.APP_DB_ROLE ?? 'realty_app';

export async function up(knex: Knex): Promise<void> {
  for (const fn of FUNCTIONS) {
    await knex.raw(`create function ${fn.signature} ${fn.body}`);
    await knex.raw(`revoke all on function ${fn.signature} from public`);
    await knex.raw(`grant execute on function ${fn.signature} to ??`, [appRole()]);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const fn of [...FUNCTIONS].reverse()) {
    await knex.raw(`drop function ${fn.signature}`);
  }
}
