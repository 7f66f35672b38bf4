import type { Knex } from 'knex';

/**
 * API keys were `admin` unless asked otherwise, lived forever and outlived the person who
 * made them. Now: a new key is `agent` (least privilege) unless its creator asks for more, it
 * may carry an expiry, and disabling or deleting its creator revokes it in the same
 * statement, whichever code path does it (a trigger, so no caller can forget).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`alter table api_keys alter column role set default 'agent'`);
  await knex.schema.alterTable('api_keys', (t) => {
    t.timestamp('expires_at', { useTz: true });
  });
  await knex.raw(`
    create function revoke_api_keys_of_inactive_creator() returns trigger
    language plpgsql as $$
    begin
      update api_keys set revoked_at = now()
       where created_by = old.id and revoked_at is null;
      return case when tg_op = 'DELETE' then old else new end;
    end $$`);
  await knex.raw(`
    create trigger api_keys_follow_creator_disabled
      after update of status on users
      for each row when (new.status = 'disabled' and old.status <> 'disabled')
      execute function revoke_api_keys_of_inactive_creator()`);
  // Before the delete: afterwards ON DELETE SET NULL has already forgotten the creator.
  await knex.raw(`
    create trigger api_keys_follow_creator_deleted
      before delete on users
      for each row execute function revoke_api_keys_of_inactive_creator()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger api_keys_follow_creator_deleted on users');
  await knex.raw('drop trigger api_keys_follow_creator_disabled on users');
  await knex.raw('drop function revoke_api_keys_of_inactive_creator()');
  await knex.schema.alterTable('api_keys', (t) => t.dropColumn('expires_at'));
  await knex.raw(`alter table api_keys alter column role set default 'admin'`);
}
