import type { Knex } from 'knex';

/**
 * Inbound items (WhatsApp messages and delivery statuses) that cannot be stored as what they
 * claim to be: a timestamp that is no time, a shape we do not know, a message over the size
 * limit, or a value Postgres refused. They are acknowledged to Meta (so it stops re-delivering)
 * and kept here exactly as they arrived, with the reason, so support can see them and nothing
 * accepted is dropped. `raw` is the item as JSON text: JSON escapes keep a NUL or a lone
 * surrogate as `\u0000`/`\ud800`, which a `jsonb` column would refuse. Unique on the raw bytes'
 * digest, so a re-delivery of the same item is stored once.
 */
const appRole = () => {
  const role = process.env.APP_DB_ROLE ?? 'realty_app';
  if (!/^[a-z_][a-z0-9_]*$/.test(role))
    throw new Error(`APP_DB_ROLE is not a plain identifier: ${role}`);
  return role;
};

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('inbound_quarantine', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('agency_id').notNullable().references('id').inTable('agencies').onDelete('CASCADE');
    t.uuid('channel_id').references('id').inTable('whatsapp_channels').onDelete('SET NULL');
    t.text('item').notNullable().checkIn(['message', 'status'], 'inbound_quarantine_item');
    t.text('provider_id');
    t.text('reason').notNullable();
    t.text('detail');
    t.text('raw').notNullable();
    t.text('raw_sha256').notNullable();
    t.timestamp('received_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['agency_id', 'raw_sha256']);
    t.index(['agency_id', 'received_at']);
  });
  await knex.raw('alter table inbound_quarantine enable row level security');
  await knex.raw('alter table inbound_quarantine force row level security');
  await knex.raw(
    `create policy tenant_isolation on inbound_quarantine
       using (agency_id = app_current_tenant()) with check (agency_id = app_current_tenant())`,
  );
  await knex.raw('grant select, insert on inbound_quarantine to ??', [appRole()]);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('revoke all on inbound_quarantine from ??', [appRole()]);
  await knex.schema.dropTable('inbound_quarantine');
}
