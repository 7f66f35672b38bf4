import type { Knex } from 'knex';

/**
 * Fixed-window counters for the rate limits on sign-in, sign-up, refresh and invitation
 * acceptance. They live in Postgres because the API runs as several processes: a limit kept
 * in one process's memory would let an attacker multiply it by the number of replicas.
 *
 * The application role cannot read or write the table; it can only call `rate_limit_take`,
 * one atomic upsert that counts a hit and says whether it was within the limit and, if not,
 * how many seconds are left in the window. Keys hold no e-mail address or IP in clear (the
 * caller hashes them).
 */
const FN = 'rate_limit_take(p_key text, p_limit integer, p_window_seconds integer)';
const appRole = () => process.env.APP_DB_ROLE ?? 'realty_app';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('rate_limits', (t) => {
    t.text('key').primary();
    t.timestamp('window_started_at', { useTz: true }).notNullable();
    t.integer('hits').notNullable();
  });
  await knex.raw(`
    create function ${FN}
    returns table (allowed boolean, retry_after_seconds integer)
    language plpgsql volatile security definer set search_path = public, pg_temp
    as $$
    declare
      v_window interval := make_interval(secs => p_window_seconds);
      v_row rate_limits;
    begin
      insert into rate_limits as r (key, window_started_at, hits) values (p_key, now(), 1)
      on conflict (key) do update set
        window_started_at = case when r.window_started_at <= now() - v_window
                                 then now() else r.window_started_at end,
        hits = case when r.window_started_at <= now() - v_window then 1 else r.hits + 1 end
      returning * into v_row;
      -- Now and then, forget windows long over, so the table stays as small as the traffic.
      if random() < 0.01 then
        delete from rate_limits where window_started_at < now() - interval '1 day';
      end if;
      return query select v_row.hits <= p_limit,
        greatest(1, ceil(extract(epoch from (v_row.window_started_at + v_window - now()))))::int;
    end $$`);
  await knex.raw(`revoke all on function ${FN} from public`);
  await knex.raw(`grant execute on function ${FN} to ??`, [appRole()]);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop function ${FN}`);
  await knex.schema.dropTable('rate_limits');
}
