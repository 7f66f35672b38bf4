import type { Knex } from 'knex';

const appRole = () => process.env.APP_DB_ROLE ?? 'realty_app';

/**
 * The dashboard's cookie session is a login's refresh token held in an httpOnly cookie. Each
 * request routes it before the tenant is known, so, like route_refresh_token, this is a narrow
 * SECURITY DEFINER lookup; unlike it, it answers only for a token that is still live (not
 * revoked by sign-out, not rotated, not expired), so a signed-out cookie finds nothing.
 */
const SIGNATURE = 'route_session(p_token_hash text)';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`create function ${SIGNATURE}
    returns table (token_id uuid, user_id uuid, agency_id uuid, family_id uuid)
    language sql stable security definer set search_path = public, pg_temp
    as $$ select id, user_id, agency_id, family_id from refresh_tokens
          where token_hash = p_token_hash and revoked_at is null and rotated_at is null
            and expires_at > now() $$`);
  await knex.raw(`revoke all on function ${SIGNATURE} from public`);
  await knex.raw(`grant execute on function ${SIGNATURE} to ??`, [appRole()]);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop function ${SIGNATURE}`);
}
