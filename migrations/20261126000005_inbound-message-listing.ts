import type { Knex } from 'knex';

/** Which listing a message became part of: the listing page shows its source messages. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('inbound_messages', (t) => {
    t.uuid('listing_id').references('id').inTable('listings').onDelete('SET NULL');
    t.index(['agency_id', 'listing_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('inbound_messages', (t) => {
    t.dropIndex(['agency_id', 'listing_id']);
    t.dropColumn('listing_id');
  });
}
