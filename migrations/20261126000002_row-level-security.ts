import type { Knex } from 'knex';

/**
 * Tenant isolation in the database itself. The application connects as a role that owns no
 * table and cannot bypass RLS; each transaction names its agency with
 * `set_config('app.tenant_id', id, true)` and these policies hide every other agency's rows.
 * The list is frozen here on purpose: a later table adds its own policy in its own migration.
 */
const TENANT_TABLES = [
  'users',
  'refresh_tokens',
  'api_keys',
  'subscriptions',
  'whatsapp_channels',
  'inbound_messages',
  'outbound_messages',
  'listings',
  'listing_assets',
  'drafts',
  'wordpress_sites',
  'publications',
  'audit_log',
  'events',
];
// Provider-scoped tables: written before the tenant is known, never listed to a tenant.
const PROVIDER_TABLES = ['webhook_events', 'unrouted_webhooks'];

const appRole = () => {
  const role = process.env.APP_DB_ROLE ?? 'realty_app';
  // Inlined into a DO block below (which takes no bind parameters), so keep it an identifier.
  if (!/^[a-z_][a-z0-9_]*$/.test(role))
    throw new Error(`APP_DB_ROLE is not a plain identifier: ${role}`);
  return role;
};

export async function up(knex: Knex): Promise<void> {
  const role = appRole();
  // A DBA usually creates the role with its password; create a login-less one otherwise so
  // the grants below have a grantee.
  await knex.raw(
    `do $$ begin
       if not exists (select 1 from pg_roles where rolname = '${role}') then
         create role ${role} nologin;
       end if;
     end $$`,
  );

  // An unset or empty setting means "no tenant": every policy then matches nothing.
  await knex.raw(`
    create function app_current_tenant() returns uuid
    language sql stable
    as $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$`);

  await knex.raw('grant usage on schema public to ??', [role]);
  await knex.raw('grant execute on function app_current_tenant() to ??', [role]);

  await knex.raw('alter table agencies enable row level security');
  await knex.raw('alter table agencies force row level security');
  await knex.raw(
    `create policy tenant_isolation on agencies
       using (id = app_current_tenant()) with check (id = app_current_tenant())`,
  );
  await knex.raw('grant select, insert, update on agencies to ??', [role]);

  for (const table of TENANT_TABLES) {
    await knex.raw('alter table ?? enable row level security', [table]);
    await knex.raw('alter table ?? force row level security', [table]);
    await knex.raw(
      `create policy tenant_isolation on ??
         using (agency_id = app_current_tenant()) with check (agency_id = app_current_tenant())`,
      [table],
    );
    await knex.raw('grant select, insert, update, delete on ?? to ??', [table, role]);
  }
  for (const table of PROVIDER_TABLES) {
    await knex.raw('grant select, insert, update on ?? to ??', [table, role]);
  }
}

export async function down(knex: Knex): Promise<void> {
  const role = appRole();
  for (const table of [...PROVIDER_TABLES, ...TENANT_TABLES, 'agencies']) {
    await knex.raw('revoke all on ?? from ??', [table, role]);
    if (!PROVIDER_TABLES.includes(table)) {
      await knex.raw('drop policy if exists tenant_isolation on ??', [table]);
      await knex.raw('alter table ?? no force row level security', [table]);
      await knex.raw('alter table ?? disable row level security', [table]);
    }
  }
  await knex.raw('revoke execute on function app_current_tenant() from ??', [role]);
  await knex.raw('drop function app_current_tenant()');
  await knex.raw('revoke usage on schema public from ??', [role]);
  // The role itself stays: other databases on the cluster may use it.
}
