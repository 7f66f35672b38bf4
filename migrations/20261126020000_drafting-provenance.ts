import type { Knex } from 'knex';

/**
 * What the drafting phase of the listing workflow records beyond the first-cut columns:
 * - drafts: which provider, model and prompt version wrote each text; the generation
 *   (`revision`) it belongs to, so a correction's new copy supersedes the old without losing
 *   it; and the worst severity among its checks, so review can filter without reading jsonb.
 * - listing_assets: the perceptual hash that finds near-duplicate photos, and which photo a
 *   duplicate repeats.
 * - listings: the normalised text the extraction read; evidence offsets point into it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('drafts', (t) => {
    t.text('provider');
    t.text('prompt_version');
    t.integer('revision').notNullable().defaultTo(1);
    t.text('check_status')
      .notNullable()
      .defaultTo('pending')
      .checkIn(['pending', 'pass', 'warning', 'blocking'], 'drafts_check_status_check');
    t.index(['agency_id', 'listing_id', 'revision']);
  });
  await knex.schema.alterTable('listing_assets', (t) => {
    t.text('phash');
    t.uuid('duplicate_of').references('id').inTable('listing_assets').onDelete('SET NULL');
  });
  await knex.schema.alterTable('listings', (t) => {
    t.text('source_text');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('listings', (t) => {
    t.dropColumn('source_text');
  });
  await knex.schema.alterTable('listing_assets', (t) => {
    t.dropColumn('duplicate_of');
    t.dropColumn('phash');
  });
  await knex.schema.alterTable('drafts', (t) => {
    t.dropIndex(['agency_id', 'listing_id', 'revision']);
    t.dropColumn('check_status');
    t.dropColumn('revision');
    t.dropColumn('prompt_version');
    t.dropColumn('provider');
  });
}
