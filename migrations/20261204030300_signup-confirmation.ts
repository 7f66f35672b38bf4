import type { Knex } from 'knex';

/**
 * Sign-up no longer signs in at once, because its answer told anyone whether an e-mail had an
 * account (201 for a new one, 409 `email_taken` for a known one). Every sign-up is now answered
 * 202 "check your inbox"; the new agency's owner waits in `invited` until the link in that
 * inbox is opened (`signup_confirmations`), and the owner of an address that already has an
 * account gets a notice instead. `account_emails` is the outbox those messages wait in until a
 * mailer sends them (the product has none yet; outside production the API logs the link).
 */
const FN = 'route_signup_confirmation(p_token_hash text)';
const TABLES = ['signup_confirmations', 'account_emails'];
const appRole = () => process.env.APP_DB_ROLE ?? 'realty_app';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('signup_confirmations', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('agency_id').notNullable().references('id').inTable('agencies').onDelete('CASCADE');
    t.uuid('user_id').notNullable().unique().references('id').inTable('users').onDelete('CASCADE');
    t.text('token_hash').notNullable().unique();
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.schema.createTable('account_emails', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('agency_id').notNullable().references('id').inTable('agencies').onDelete('CASCADE');
    t.text('to_email').notNullable();
    t.text('kind')
      .notNullable()
      .checkIn(['confirm_signup', 'signup_attempt'], 'account_emails_kind');
    t.text('link');
    t.timestamp('sent_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['agency_id', 'created_at']);
  });
  for (const table of TABLES) {
    await knex.raw('alter table ?? enable row level security', [table]);
    await knex.raw('alter table ?? force row level security', [table]);
    await knex.raw(
      `create policy tenant_isolation on ??
         using (agency_id = app_current_tenant()) with check (agency_id = app_current_tenant())`,
      [table],
    );
    await knex.raw('grant select, insert, update, delete on ?? to ??', [table, appRole()]);
  }
  await knex.raw(
    `create function ${FN} returns table (user_id uuid, agency_id uuid)
      language sql stable security definer set search_path = public, pg_temp
      as $$ select user_id, agency_id from signup_confirmations where token_hash = p_token_hash $$`,
  );
  await knex.raw(`revoke all on function ${FN} from public`);
  await knex.raw(`grant execute on function ${FN} to ??`, [appRole()]);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop function ${FN}`);
  for (const table of [...TABLES].reverse()) await knex.schema.dropTable(table);
}
