import type { Knex } from 'knex';

/**
 * Submissions also arrive from the mobile app (`POST /v1/listings`). They are recorded as
 * inbound messages too, so the listing workflow, the drafting steps and the listing page read
 * one kind of source whatever the channel. An app message has no WhatsApp sender when an API
 * key submits it, hence the nullable phone, allowed only for app messages.
 *
 * The index serves the 24-hour customer-service window check before every reply: the newest
 * message a given phone sent to a given business number.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('inbound_messages', (t) => {
    t.text('source').notNullable().defaultTo('whatsapp');
    t.check(`source in ('whatsapp', 'app')`, [], 'inbound_messages_source_check');
    t.setNullable('from_phone');
    t.check(`source = 'app' or from_phone is not null`, [], 'inbound_messages_whatsapp_sender');
    t.index(['agency_id', 'from_phone', 'sent_at'], 'inbound_messages_sender_recent');
  });
}

export async function down(knex: Knex): Promise<void> {
  // App submissions have no place in the older schema; their listings keep their assets.
  await knex('inbound_messages').where({ source: 'app' }).delete();
  await knex.schema.alterTable('inbound_messages', (t) => {
    t.dropIndex(['agency_id', 'from_phone', 'sent_at'], 'inbound_messages_sender_recent');
    t.dropChecks(['inbound_messages_whatsapp_sender', 'inbound_messages_source_check']);
    t.dropNullable('from_phone');
    t.dropColumn('source');
  });
}
