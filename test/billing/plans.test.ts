import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  EntitlementsSchema,
  PLANS,
  limitsFor,
  plansThatAllow,
  upgradeFor,
} from '../../lib/billing/plans';
import { standingOf } from '../../lib/billing/standing';
import { currentPeriod } from '../../lib/billing/period';

const DAY = 86400_000;

describe('plans', () => {
  test('the schema defaults are the lowest plan, so Starter is the empty record', () => {
    assert.deepEqual(EntitlementsSchema.parse({}), limitsFor('starter'));
    assert.equal(limitsFor('starter').property_mapping, false);
    assert.equal(limitsFor('starter').photo_ai, false);
  });

  test('every limit grows (or stays) from plan to plan', () => {
    const order = ['starter', 'pro', 'business', 'enterprise'] as const;
    for (let i = 1; i < order.length; i++) {
      const lower = limitsFor(order[i - 1]!);
      const upper = limitsFor(order[i]!);
      for (const [key, value] of Object.entries(upper)) {
        const prev = lower[key as keyof typeof lower];
        if (typeof value === 'boolean') assert.ok(value || !prev, `${order[i]} ${key}`);
        else if (value !== null) assert.ok(prev !== null && value >= (prev as number), `${key}`);
      }
    }
  });

  test('plansThatAllow and upgradeFor answer upgrade prompts', () => {
    assert.deepEqual(plansThatAllow('photo_ai'), ['pro', 'business', 'enterprise']);
    assert.deepEqual(plansThatAllow('crm'), ['business', 'enterprise']);
    assert.deepEqual(plansThatAllow('users', 20), ['business', 'enterprise']);
    assert.equal(upgradeFor('users'), 'pro');
    assert.equal(upgradeFor('users', 'starter', 20), 'business');
    assert.equal(upgradeFor('crm'), 'business');
    assert.equal(upgradeFor('api_keys', 'business'), 'enterprise');
    assert.equal(upgradeFor('users', 'enterprise'), null);
    assert.equal(upgradeFor('photo_ai', 'pro'), null, 'Pro already has it');
    assert.equal(PLANS.enterprise.selfServe, false);
  });
});

describe('standing: what a subscription status means', () => {
  const now = new Date('2026-12-10T12:00:00Z');
  const row = (plan: string, status: string, pastDueDaysAgo?: number) => ({
    plan,
    status,
    past_due_since:
      pastDueDaysAgo === undefined ? null : new Date(now.getTime() - pastDueDaysAgo * DAY),
    updated_at: now,
  });

  test('active and trialing get their plan; canceled and incomplete fall back to Starter', () => {
    assert.equal(standingOf(row('business', 'active'), now).plan, 'business');
    assert.equal(standingOf(row('pro', 'trialing'), now).plan, 'pro');
    for (const status of ['canceled', 'incomplete', 'incomplete_expired', 'paused', 'weird']) {
      const s = standingOf(row('pro', status), now);
      assert.equal(s.plan, 'starter', status);
      assert.equal(s.access, 'full');
      assert.equal(s.subscribedPlan, 'pro');
    }
    assert.equal(standingOf(undefined, now).plan, 'starter');
    assert.equal(standingOf(row('gold', 'active'), now).plan, 'starter', 'unknown plan names');
  });

  test('past due keeps the plan for its grace period, then read-only; unpaid is read-only', () => {
    const pro = standingOf(row('pro', 'past_due', 6), now);
    assert.equal(pro.access, 'grace');
    assert.equal(pro.graceEndsAt!.getTime(), now.getTime() + DAY);
    assert.equal(standingOf(row('pro', 'past_due', 7), now).access, 'read_only');
    assert.equal(standingOf(row('business', 'past_due', 10), now).access, 'grace');
    assert.equal(standingOf(row('business', 'unpaid'), now).access, 'read_only');
  });
});

describe('billing period', () => {
  test("Stripe's period when it contains now, else the calendar month in UTC", () => {
    const now = new Date('2026-12-10T12:00:00Z');
    const stripe = {
      current_period_start: new Date('2026-11-25'),
      current_period_end: new Date('2026-12-25'),
    };
    assert.equal(currentPeriod(stripe, now).source, 'stripe');
    const stale = {
      current_period_start: new Date('2026-10-25'),
      current_period_end: new Date('2026-11-25'),
    };
    const p = currentPeriod(stale, now);
    assert.equal(p.source, 'calendar');
    assert.equal(p.start.toISOString(), '2026-12-01T00:00:00.000Z');
    assert.equal(p.end.toISOString(), '2027-01-01T00:00:00.000Z');
  });
});
