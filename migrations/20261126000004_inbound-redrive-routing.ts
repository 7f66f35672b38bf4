import type { Knex } from 'knex';

/**
 * The reconciler re-drives messages that were committed while Temporal was unreachable. It
 * works across agencies, so it needs one pre-tenant question answered: which agencies have
 * messages still pending? Only agency ids leave this function; the messages themselves are
 * read under each agency's RLS context.
 */
const appRole = () => process.env.APP_DB_ROLE ?? 'realty_app';
const SIGNATURE = 'route_pending_inbound(p_older_than interval)';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`create function ${SIGNATURE} returns table (agency_id uuid)
    language sql stable security definer set search_path = public, pg_temp
    as $$ select distinct agency_id from inbound_messages
          where state = 'pending' and received_at < now() - p_older_than $$`);
  await knex.raw(`revoke all on function ${SIGNATURE} from public`);
  await knex.raw(`grant execute on function ${SIGNATURE} to ??`, [appRole()]);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop function ${SIGNATURE}`);
}
