import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { withTenant } from '../../lib/db';

let db: TestDatabase;
const A = randomUUID();
const B = randomUUID();
let listingB: string;
let userB: string;

before(async () => {
  db = await createTestDatabase();
  await db.owner('agencies').insert([
    { id: A, name: 'Casa Alta', slug: 'casa-alta' },
    { id: B, name: 'Bayview Homes', slug: 'bayview' },
  ]);
  [{ id: userB }] = await db
    .owner('users')
    .insert({ agency_id: B, email: 'b@bayview.test', name: 'Bea', role: 'owner' })
    .returning('id');
  await db
    .owner('users')
    .insert({ agency_id: A, email: 'a@casa.test', name: 'Ana', role: 'owner' });
  [{ id: listingB }] = await db
    .owner('listings')
    .insert({ agency_id: B, title: 'Bay flat' })
    .returning('id');
  await db.owner('listings').insert({ agency_id: A, title: 'Casa' });
});
after(async () => db.drop());

test('the application role owns no table and cannot bypass RLS', async () => {
  const [role] = (
    await db.app.raw(`select rolsuper, rolbypassrls from pg_roles where rolname = current_user`)
  ).rows;
  assert.deepEqual(role, { rolsuper: false, rolbypassrls: false });
  const owned = await db.app.raw(
    `select count(*)::int as n from pg_tables where schemaname = 'public' and tableowner = current_user`,
  );
  assert.equal(owned.rows[0].n, 0);
});

test('without a tenant the application sees nothing', async () => {
  assert.equal((await db.app('listings').select()).length, 0);
  assert.equal((await db.app('agencies').select()).length, 0);
});

test("tenant A's context reads only A's rows, even given B's ids", async () => {
  await withTenant(db.app, A, async (tx) => {
    const titles = await tx('listings').pluck('title');
    assert.deepEqual(titles, ['Casa']);
    assert.equal(await tx('listings').where({ id: listingB }).first(), undefined);
    assert.equal(await tx('users').where({ id: userB }).first(), undefined);
    assert.deepEqual(await tx('agencies').pluck('id'), [A]);
  });
});

test("tenant A's context cannot change or delete B's rows", async () => {
  await withTenant(db.app, A, async (tx) => {
    assert.equal(await tx('listings').where({ id: listingB }).update({ title: 'hijacked' }), 0);
    assert.equal(await tx('users').where({ id: userB }).del(), 0);
  });
  const row = await db.owner('listings').where({ id: listingB }).first();
  assert.equal(row.title, 'Bay flat');
  assert.ok(await db.owner('users').where({ id: userB }).first());
});

test("tenant A's context cannot write a row into B", async () => {
  await assert.rejects(
    withTenant(db.app, A, (tx) => tx('listings').insert({ agency_id: B, title: 'planted' })),
    /row-level security/,
  );
  await assert.rejects(
    withTenant(db.app, A, (tx) => tx('listings').where({ agency_id: A }).update({ agency_id: B })),
    /row-level security/,
  );
});

test('the tenant setting does not outlive its transaction on a pooled connection', async () => {
  const single = db.app; // pool of 5; force reuse by running sequentially
  await withTenant(single, A, async (tx) =>
    assert.equal((await tx('listings').select()).length, 1),
  );
  for (let i = 0; i < 5; i++) {
    const r = await single.raw(`select current_setting('app.tenant_id', true) as t`);
    assert.ok(!r.rows[0].t, 'no tenant left on the connection');
  }
});

test('routing functions answer the one question they are for', async () => {
  const r = await db.app.raw(`select * from route_login(?)`, ['B@Bayview.test']);
  assert.equal(r.rows.length, 1);
  assert.equal(r.rows[0].agency_id, B);
  // Ids only: the password hash is read under RLS in the agency's own transaction.
  assert.deepEqual(Object.keys(r.rows[0]).sort(), ['agency_id', 'user_id']);
  const slug = await db.app.raw(`select route_agency_slug('bayview') as id`);
  assert.equal(slug.rows[0].id, B);
});

test('the application role counts rate limits only through rate_limit_take, never reads them', async () => {
  const first = await db.app.raw('select * from rate_limit_take(?, 2, 60)', ['t:probe']);
  assert.deepEqual(first.rows[0].allowed, true);
  await db.app.raw('select * from rate_limit_take(?, 2, 60)', ['t:probe']);
  const third = await db.app.raw('select * from rate_limit_take(?, 2, 60)', ['t:probe']);
  assert.equal(third.rows[0].allowed, false);
  assert.ok(third.rows[0].retry_after_seconds > 0 && third.rows[0].retry_after_seconds <= 60);
  await assert.rejects(db.app.raw('select * from rate_limits'), /permission denied/);
});
