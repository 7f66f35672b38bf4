import type { Knex } from 'knex';

/**
 * `route_login` answered the application role with the user's password hash (and role and
 * status) before the tenant was known: any code running as that role could read every
 * agency's hashes by e-mail. It now returns only the ids that route the login; the hash is
 * read inside the agency's own transaction, under row-level security, and verified there.
 */
const SIGNATURE = 'route_login(p_email text)';
const appRole = () => process.env.APP_DB_ROLE ?? 'realty_app';

async function define(knex: Knex, returns: string, select: string): Promise<void> {
  await knex.raw(`drop function ${SIGNATURE}`);
  await knex.raw(
    `create function ${SIGNATURE} returns table (${returns})
      language sql stable security definer set search_path = public, pg_temp
      as $$ select ${select} from users where lower(email) = lower(p_email) $$`,
  );
  await knex.raw(`revoke all on function ${SIGNATURE} from public`);
  await knex.raw(`grant execute on function ${SIGNATURE} to ??`, [appRole()]);
}

export async function up(knex: Knex): Promise<void> {
  await define(knex, 'user_id uuid, agency_id uuid', 'id, agency_id');
}

export async function down(knex: Knex): Promise<void> {
  await define(
    knex,
    'user_id uuid, agency_id uuid, role text, status text, password_hash text',
    'id, agency_id, role, status, password_hash',
  );
}
