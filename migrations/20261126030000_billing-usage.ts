import type { Knex } from 'knex';

/**
 * Billing: a usage ledger and the subscription fields the plan rules need.
 *
 * `usage_records` holds one row per metered act (a listing created, an AI generation), keyed by
 * the thing it metered, so an activity that runs twice meters once. Usage per billing period is
 * a count over it. It is append-only for the application role: usage is never edited away.
 *
 * `subscriptions.past_due_since` starts the grace period of a past-due subscription;
 * `stripe_price_id` records which price the plan was derived from.
 */
const appRole = () => {
  const role = process.env.APP_DB_ROLE ?? 'realty_app';
  if (!/^[a-z_][a-z0-9_]*$/.test(role))
    throw new Error(`APP_DB_ROLE is not a plain identifier: ${role}`);
  return role;
};

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('usage_records', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('agency_id').notNullable().references('id').inTable('agencies').onDelete('CASCADE');
    t.text('metric').notNullable().checkIn(['listing_created', 'ai_generation'], 'usage_metric');
    t.text('subject_id').notNullable();
    t.integer('quantity').notNullable().defaultTo(1);
    t.timestamp('occurred_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['agency_id', 'metric', 'subject_id']);
    t.index(['agency_id', 'metric', 'occurred_at']);
  });
  await knex.raw('alter table usage_records enable row level security');
  await knex.raw('alter table usage_records force row level security');
  await knex.raw(
    `create policy tenant_isolation on usage_records
       using (agency_id = app_current_tenant()) with check (agency_id = app_current_tenant())`,
  );
  await knex.raw('grant select, insert on usage_records to ??', [appRole()]);

  await knex.schema.alterTable('subscriptions', (t) => {
    t.timestamp('past_due_since', { useTz: true });
    t.text('stripe_price_id');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('subscriptions', (t) => {
    t.dropColumn('stripe_price_id');
    t.dropColumn('past_due_since');
  });
  await knex.raw('revoke all on usage_records from ??', [appRole()]);
  await knex.schema.dropTable('usage_records');
}
