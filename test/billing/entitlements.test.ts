import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { signUp, startTestApi, type TestApi } from '../support/api';
import { withTenant } from '../../lib/db';
import {
  checkFeature,
  checkListingQuota,
  checkPerListing,
  reserveListingQuota,
} from '../../lib/billing/entitlements';
import { recordUsage } from '../../lib/billing/usage';
import { listingIsWritable, readOnlyIds } from '../../lib/billing/readOnly';
import { planLimitReply } from '../../lib/billing/quotaReply';

let db: TestDatabase;
let api: TestApi;
before(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db);
});
after(async () => {
  await api.close();
  await db.drop();
});

const DAY = 86400_000;

function invite(token: string, n: number) {
  return api.request('POST', '/v1/users/invitations', {
    token,
    body: {
      name: `Agent ${n}`,
      role: 'agent',
      whatsappPhone: `+34 6${Math.floor(1e7 + Math.random() * 8e7)}`,
    },
  });
}

const setSubscription = (agencyId: string, fields: Record<string, unknown>) =>
  db.owner('subscriptions').where({ agency_id: agencyId }).update(fields);

async function addListings(agencyId: string, count: number, status = 'awaiting_review') {
  const base = Date.now() - count * 1000;
  const rows = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    agency_id: agencyId,
    status,
    title: `Listing ${i}`,
    created_at: new Date(base + i * 1000),
  }));
  await db.owner('listings').insert(rows);
  return rows.map((r) => r.id);
}

describe('API limits (402 plan_limit)', () => {
  test('a Starter agency hitting its users limit gets 402 with the limit, usage, plan and upgrade', async () => {
    const owner = await signUp(api, 'Small Team Realty');
    assert.equal((await invite(owner.token, 1)).status, 201);
    assert.equal((await invite(owner.token, 2)).status, 201);
    const refused = await invite(owner.token, 3);
    assert.equal(refused.status, 402);
    assert.deepEqual(
      { ...refused.body.error, message: undefined, requestId: undefined },
      {
        code: 'plan_limit',
        limit: 'users',
        used: 3,
        max: 3,
        plan: 'starter',
        upgrade_to: 'pro',
        reason: 'over_limit',
        message: undefined,
        requestId: undefined,
      },
    );
    assert.match(refused.body.error.message, /Starter plan allows 3 users.*Pro/);
    assert.equal(
      (await db.owner('users').where({ agency_id: owner.agencyId })).length,
      3,
      'nobody was added',
    );

    // A disabled person frees the seat (downgrades never delete anyone).
    const [agent] = await db
      .owner('users')
      .where({ agency_id: owner.agencyId, role: 'agent' })
      .pluck('id');
    await db.owner('users').where({ id: agent }).update({ status: 'disabled' });
    assert.equal((await invite(owner.token, 4)).status, 201);
  });

  test('a Starter agency hitting its API-key limit gets 402; Pro allows more', async () => {
    const owner = await signUp(api, 'Key Limit Homes');
    const create = () =>
      api.request('POST', '/v1/api-keys', { token: owner.token, body: { name: 'sync' } });
    assert.equal((await create()).status, 201);
    const refused = await create();
    assert.equal(refused.status, 402);
    assert.equal(refused.body.error.code, 'plan_limit');
    assert.equal(refused.body.error.limit, 'api_keys');
    assert.equal(refused.body.error.used, 1);
    assert.equal(refused.body.error.plan, 'starter');
    assert.equal(refused.body.error.upgrade_to, 'pro');
    assert.equal((await db.owner('api_keys').where({ agency_id: owner.agencyId })).length, 1);

    await setSubscription(owner.agencyId, { plan: 'pro', status: 'active' });
    assert.equal((await create()).status, 201);
  });

  test('past due: the plan holds during its grace period, then the agency is read-only', async () => {
    const owner = await signUp(api, 'Overdue Realty');
    await setSubscription(owner.agencyId, {
      plan: 'pro',
      status: 'past_due',
      past_due_since: new Date(Date.now() - 2 * DAY),
    });
    const create = () =>
      api.request('POST', '/v1/api-keys', { token: owner.token, body: { name: 'k' } });
    assert.equal((await create()).status, 201, 'day 2 of 7: still Pro');

    await setSubscription(owner.agencyId, { past_due_since: new Date(Date.now() - 8 * DAY) });
    const refused = await create();
    assert.equal(refused.status, 402);
    assert.equal(refused.body.error.reason, 'read_only');
    assert.equal(refused.body.error.upgrade_to, null);
    assert.match(refused.body.error.message, /overdue/);
    const billing = await api.request('GET', '/v1/billing', { token: owner.token });
    assert.equal(billing.body.access, 'read_only');
    assert.equal(billing.body.plan, 'pro');
  });

  test('canceled falls back to Starter limits', async () => {
    const owner = await signUp(api, 'Former Pro Homes');
    await setSubscription(owner.agencyId, { plan: 'pro', status: 'canceled' });
    const create = () =>
      api.request('POST', '/v1/api-keys', { token: owner.token, body: { name: 'k' } });
    assert.equal((await create()).status, 201);
    const refused = await create();
    assert.equal(refused.status, 402);
    assert.equal(refused.body.error.plan, 'starter');
  });
});

describe('listing quota (for the WhatsApp intake)', () => {
  test('a Starter agency gets 10 listings a month; the 11th is refused with a clear reply', async () => {
    const owner = await signUp(api, 'Busy Month Realty');
    const ids = Array.from({ length: 11 }, () => randomUUID());
    for (const id of ids.slice(0, 10)) {
      const ok = await withTenant(db.app, owner.agencyId, (tx) =>
        reserveListingQuota(tx, owner.agencyId, id),
      );
      assert.deepEqual(ok, { ok: true });
    }
    const refused = await withTenant(db.app, owner.agencyId, (tx) =>
      reserveListingQuota(tx, owner.agencyId, ids[10]!),
    );
    assert.equal(refused.ok, false);
    assert.ok(!refused.ok);
    assert.equal(refused.limit, 'listings_per_month');
    assert.equal(refused.used, 10);
    assert.equal(refused.upgrade_to, 'pro');
    assert.match(planLimitReply(refused, 'en'), /listing limit.*upgrade to Pro/);
    assert.match(planLimitReply(refused, 'es'), /límite de anuncios.*Pro/);

    // A retried activity re-reserving a listing it already metered is not refused.
    const retried = await withTenant(db.app, owner.agencyId, (tx) =>
      reserveListingQuota(tx, owner.agencyId, ids[3]!),
    );
    assert.deepEqual(retried, { ok: true });
    const metered = await db
      .owner('usage_records')
      .where({ agency_id: owner.agencyId, metric: 'listing_created' });
    assert.equal(metered.length, 10);

    // Last month's usage does not count against this month.
    await db
      .owner('usage_records')
      .where({ agency_id: owner.agencyId })
      .update({ occurred_at: new Date(Date.now() - 40 * DAY) });
    const nextMonth = await withTenant(db.app, owner.agencyId, (tx) =>
      checkListingQuota(tx, owner.agencyId),
    );
    assert.deepEqual(nextMonth, { ok: true });
  });

  test('concurrent submissions cannot both take the last slot', async () => {
    const owner = await signUp(api, 'Race Homes');
    for (let i = 0; i < 7; i++)
      await db.owner('usage_records').insert({
        agency_id: owner.agencyId,
        metric: 'listing_created',
        subject_id: randomUUID(),
      });
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        withTenant(db.app, owner.agencyId, (tx) =>
          reserveListingQuota(tx, owner.agencyId, randomUUID()),
        ),
      ),
    );
    assert.equal(results.filter((r) => r.ok).length, 3);
    const count = await db
      .owner('usage_records')
      .where({ agency_id: owner.agencyId })
      .count({ n: '*' })
      .first();
    assert.equal(Number(count!.n), 10);
  });

  test('the active-listing limit refuses too, and over-limit listings become read-only, never deleted', async () => {
    const owner = await signUp(api, 'Downgraded Realty');
    await setSubscription(owner.agencyId, { plan: 'pro', status: 'active' });
    const ids = await addListings(owner.agencyId, 30);
    const inPro = await withTenant(db.app, owner.agencyId, (tx) =>
      checkListingQuota(tx, owner.agencyId),
    );
    assert.deepEqual(inPro, { ok: true });

    await setSubscription(owner.agencyId, { status: 'canceled' });
    const refused = await withTenant(db.app, owner.agencyId, (tx) =>
      checkListingQuota(tx, owner.agencyId),
    );
    assert.ok(!refused.ok);
    assert.equal(refused.limit, 'active_listings');
    assert.equal(refused.used, 30);

    const readOnly = await withTenant(db.app, owner.agencyId, (tx) =>
      readOnlyIds(tx, owner.agencyId, 'active_listings'),
    );
    assert.deepEqual(readOnly, ids.slice(25), 'the newest five beyond Starter’s 25');
    const writable = (id: string) =>
      withTenant(db.app, owner.agencyId, (tx) => listingIsWritable(tx, owner.agencyId, id));
    assert.equal(await writable(ids[0]!), true);
    assert.equal(await writable(ids[29]!), false);
    assert.equal((await db.owner('listings').where({ agency_id: owner.agencyId })).length, 30);

    // Archiving old ones frees the slots.
    await db.owner('listings').whereIn('id', ids.slice(0, 5)).update({ status: 'archived' });
    assert.equal(await writable(ids[29]!), true);
  });

  test('features and per-listing limits follow the plan', async () => {
    const owner = await signUp(api, 'Feature Homes');
    const check = <T>(work: (tx: any) => Promise<T>) => withTenant(db.app, owner.agencyId, work);
    const photo = await check((tx) => checkFeature(tx, owner.agencyId, 'photo_ai'));
    assert.ok(!photo.ok);
    assert.equal(photo.reason, 'not_in_plan');
    assert.equal(photo.upgrade_to, 'pro');
    const crm = await check((tx) => checkFeature(tx, owner.agencyId, 'crm'));
    assert.ok(!crm.ok);
    assert.equal(crm.upgrade_to, 'business');
    const languages = await check((tx) =>
      checkPerListing(tx, owner.agencyId, 'languages_per_listing', 2),
    );
    assert.ok(!languages.ok);
    assert.equal(languages.upgrade_to, 'pro');

    await setSubscription(owner.agencyId, { plan: 'pro', status: 'trialing' });
    assert.deepEqual(await check((tx) => checkFeature(tx, owner.agencyId, 'photo_ai')), {
      ok: true,
    });
    const many = await check((tx) =>
      checkPerListing(tx, owner.agencyId, 'languages_per_listing', 5),
    );
    assert.ok(!many.ok);
    assert.equal(many.upgrade_to, 'business');
  });
});

describe('GET /v1/billing', () => {
  test('shows the plan, its limits and this period’s usage', async () => {
    const owner = await signUp(api, 'Usage Realty');
    await invite(owner.token, 1);
    await api.request('POST', '/v1/api-keys', { token: owner.token, body: { name: 'k' } });
    const listings = await addListings(owner.agencyId, 2);
    await addListings(owner.agencyId, 1, 'archived');
    await withTenant(db.app, owner.agencyId, async (tx) => {
      for (const id of listings) await reserveListingQuota(tx, owner.agencyId, id);
      await recordUsage(tx, owner.agencyId, 'ai_generation', `${listings[0]}:description:en`);
      await recordUsage(tx, owner.agencyId, 'ai_generation', `${listings[0]}:description:en`);
      await recordUsage(tx, owner.agencyId, 'ai_generation', `${listings[0]}:caption:en`);
    });

    const res = await api.request('GET', '/v1/billing', { token: owner.token });
    assert.equal(res.status, 200);
    assert.equal(res.body.plan, 'starter');
    assert.equal(res.body.access, 'full');
    assert.equal(res.body.subscription.status, 'active');
    assert.equal(res.body.period.source, 'calendar');
    assert.equal(new Date(res.body.period.start).getUTCDate(), 1);
    assert.equal(res.body.limits.listings_per_month, 10);
    assert.equal(res.body.features.photo_ai, false);
    assert.deepEqual(res.body.usage, {
      listings_per_month: 2,
      active_listings: 2,
      users: 2,
      whatsapp_numbers: 0,
      wordpress_sites: 0,
      api_keys: 1,
      ai_generations: 2,
    });
    assert.equal(res.body.readOnly.active_listings, 0);
  });

  test('agents cannot read billing', async () => {
    const owner = await signUp(api, 'Agent Billing Realty');
    const key = await api.request('POST', '/v1/api-keys', {
      token: owner.token,
      body: { name: 'bot', role: 'agent' },
    });
    const res = await api.request('GET', '/v1/billing', { token: key.body.key });
    assert.equal(res.status, 403);
  });
});

describe('the usage ledger in the database', () => {
  test('is tenant-isolated and append-only for the application role', async () => {
    const a = await signUp(api, 'Ledger A');
    const b = await signUp(api, 'Ledger B');
    await withTenant(db.app, a.agencyId, (tx) =>
      recordUsage(tx, a.agencyId, 'listing_created', randomBytes(4).toString('hex')),
    );
    const seenByB = await withTenant(db.app, b.agencyId, (tx) => tx('usage_records'));
    assert.equal(seenByB.length, 0);
    await assert.rejects(
      withTenant(db.app, b.agencyId, (tx) =>
        tx('usage_records').insert({
          agency_id: a.agencyId,
          metric: 'listing_created',
          subject_id: 'planted',
        }),
      ),
      /row-level security/,
    );
    await assert.rejects(
      withTenant(db.app, a.agencyId, (tx) => tx('usage_records').del()),
      /permission denied/,
    );
    await assert.rejects(
      withTenant(db.app, a.agencyId, (tx) => tx('usage_records').update({ quantity: 0 })),
      /permission denied/,
    );
  });
});
