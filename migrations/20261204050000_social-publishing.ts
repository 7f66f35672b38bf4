import type { Knex } from 'knex';

/**
 * Social publishing: an agency's Facebook Page and Instagram professional account, and one
 * post per listing and platform.
 *
 * `social_accounts` keeps the Page access token sealed (like WhatsApp tokens and WordPress
 * application passwords); one account per platform per agency.
 *
 * `social_posts` is the at-most-once record of a post: the workflow writes `posting` with a
 * `marker` before it calls Meta and the remote id after, so an attempt whose response was lost
 * looks the post up by its marker instead of posting it again. `container_id` is Instagram's
 * media container, remembered between "create" and "publish" for the same reason.
 */
const PLATFORMS = ['facebook', 'instagram'];
const POST_STATES = ['scheduled', 'posting', 'posted', 'failed', 'skipped', 'removed'];

const appRole = () => {
  const role = process.env.APP_DB_ROLE ?? 'realty_app';
  if (!/^[a-z_][a-z0-9_]*$/.test(role))
    throw new Error(`APP_DB_ROLE is not a plain identifier: ${role}`);
  return role;
};

async function isolate(knex: Knex, table: string): Promise<void> {
  await knex.raw('alter table ?? enable row level security', [table]);
  await knex.raw('alter table ?? force row level security', [table]);
  await knex.raw(
    `create policy tenant_isolation on ??
       using (agency_id = app_current_tenant()) with check (agency_id = app_current_tenant())`,
    [table],
  );
  await knex.raw('grant select, insert, update, delete on ?? to ??', [table, appRole()]);
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('social_accounts', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('agency_id').notNullable().references('id').inTable('agencies').onDelete('CASCADE');
    t.text('platform').notNullable().checkIn(PLATFORMS, 'social_accounts_platform');
    /** The Page id (Facebook) or the Instagram professional account's user id. */
    t.text('remote_account_id').notNullable();
    t.text('name').notNullable();
    t.text('access_token_encrypted').notNullable();
    t.specificType('permissions', 'text[]').notNullable().defaultTo('{}');
    t.text('status').notNullable().defaultTo('connected');
    t.text('last_error');
    t.timestamps(true, true);
    t.unique(['agency_id', 'platform']);
  });
  await isolate(knex, 'social_accounts');

  await knex.schema.createTable('social_posts', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('agency_id').notNullable().references('id').inTable('agencies').onDelete('CASCADE');
    t.uuid('listing_id').notNullable().references('id').inTable('listings').onDelete('CASCADE');
    t.text('platform').notNullable().checkIn(PLATFORMS, 'social_posts_platform');
    t.text('state').notNullable().checkIn(POST_STATES, 'social_posts_state');
    t.timestamp('scheduled_at', { useTz: true });
    t.text('marker').notNullable();
    t.text('container_id');
    t.text('remote_id');
    t.text('permalink');
    t.text('caption');
    t.text('error_code');
    t.text('last_error');
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamps(true, true);
    t.unique(['listing_id', 'platform']);
    t.index(['agency_id', 'state']);
  });
  await isolate(knex, 'social_posts');
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['social_posts', 'social_accounts']) {
    await knex.raw('revoke all on ?? from ??', [table, appRole()]);
    await knex.schema.dropTable(table);
  }
}
