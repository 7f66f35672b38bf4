import type { Knex } from 'knex';

/**
 * The order an agent's messages were sent in, by construction: WhatsApp's own timestamp (the
 * sender's order, to the second), then `arrival_seq`, the order Postgres took the rows in.
 *
 * Before this, same-second messages were ordered by `received_at` (the inserting transaction's
 * start, shared by every message of one group commit) and then by a random uuid, so a burst
 * pasted within a second could be drafted in any order. The sequence is the database's, not an
 * API process's clock, so it means the same whichever replica stored the message; within one
 * group commit it follows the batch, which keeps each replica's arrival order. No index: a
 * listing's messages are few and found by (agency_id, listing_id); the webhook path pays for
 * every index on this table.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'alter table inbound_messages add column arrival_seq bigint generated always as identity',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('alter table inbound_messages drop column arrival_seq');
}
