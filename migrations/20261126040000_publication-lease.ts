import type { Knex } from 'knex';

/**
 * Publishing state that the first cut of `publications` lacks:
 * - a lease (`lease_owner`, `lease_expires_at`): one activity attempt at a time works on a
 *   listing's post. Temporal can start a new attempt while a timed-out one still runs; two
 *   attempts that both look, find nothing and create would make two posts.
 * - `remote_status`: the WordPress status we last saw (`publish`, `draft`), and
 *   `archived_reason` (`sold`, `withdrawn`), for the listing page.
 * - a check on `state`, so a typo cannot invent a state the dashboard does not know.
 */
const STATES = ['pending', 'uploading', 'draft', 'published', 'archived', 'failed'];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('publications', (t) => {
    t.text('lease_owner');
    t.timestamp('lease_expires_at', { useTz: true });
    t.text('remote_status');
    t.text('archived_reason');
    t.check(`state in (${STATES.map((s) => `'${s}'`).join(', ')})`, [], 'publications_state_check');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('publications', (t) => {
    t.dropChecks(['publications_state_check']);
    t.dropColumn('archived_reason');
    t.dropColumn('remote_status');
    t.dropColumn('lease_expires_at');
    t.dropColumn('lease_owner');
  });
}
