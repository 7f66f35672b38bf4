import type { Knex } from 'knex';

/**
 * `agencies.country`: the agency's ISO 3166-1 alpha-2 country. Agents' phone numbers typed in
 * national form ("07700 900123") are read as numbers of this country. Empty for agencies made
 * before it; their WhatsApp business number's country stands in (lib/phone/agency.ts).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('agencies', (t) => {
    t.text('country');
  });
  await knex.raw(
    `alter table agencies add constraint agencies_country_alpha2 check (country ~ '^[A-Z]{2}$')`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('agencies', (t) => {
    t.dropColumn('country');
  });
}
