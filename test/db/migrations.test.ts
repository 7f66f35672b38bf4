import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { TENANT_TABLES } from '../../lib/db';

let db: TestDatabase;
before(async () => {
  db = await createTestDatabase({ empty: true });
});
after(async () => db.drop());

const tables = async () =>
  (
    await db
      .owner('pg_tables')
      .where({ schemaname: 'public' })
      .whereNot('tablename', 'like', 'knex_%')
      .pluck('tablename')
  ).sort();

test('migrations go up, all the way down, and up again', async () => {
  await db.owner.migrate.latest();
  const first = await tables();
  for (const t of [...TENANT_TABLES, 'agencies', 'webhook_events'])
    assert.ok(first.includes(t), `${t} created`);

  await db.owner.migrate.rollback(undefined, true);
  assert.deepEqual(await tables(), [], 'every down removes what its up made');
  const fns = await db.owner.raw(
    `select proname from pg_proc where proname like 'route_%' or proname = 'app_current_tenant'`,
  );
  assert.equal(fns.rows.length, 0, 'routing functions dropped');

  await db.owner.migrate.latest();
  assert.deepEqual(await tables(), first);
});

test('every tenant-owned table has row-level security forced on', async () => {
  const rows = await db.owner.raw(
    `select relname, relrowsecurity, relforcerowsecurity from pg_class
      where relname = any(?) and relkind = 'r'`,
    [[...TENANT_TABLES, 'agencies']],
  );
  assert.equal(rows.rows.length, TENANT_TABLES.length + 1);
  for (const r of rows.rows as Array<{
    relname: string;
    relrowsecurity: boolean;
    relforcerowsecurity: boolean;
  }>) {
    assert.ok(r.relrowsecurity && r.relforcerowsecurity, `${r.relname} has RLS`);
  }
});
