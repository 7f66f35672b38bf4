import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import Stripe from 'stripe';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { signUp, startTestApi, type TestApi } from '../support/api';
import { startStripeProxy, type StripeProxy } from './stripeProxy';
import {
  currentShapeEvent,
  eventId,
  invoiceFailedEvent,
  odooSignedDelivery,
  sign,
  stripeFixture,
  subscriptionEvent,
} from './stripeFixtures';

// The published secret of the one byte-exact delivery; every other payload is signed with it too.
const SECRET = odooSignedDelivery().secret;
// The price on stripe-mock's subscription fixture: mapping it to Pro lets stripe-mock's own
// answer drive a plan change.
const PRICE_PRO = 'price_1PgafmB7WZ01zgkW6dKueIc5';
const PRICE_BUSINESS = `price_business_${randomBytes(4).toString('hex')}`;

let db: TestDatabase;
let proxy: StripeProxy;
let api: TestApi;
before(async () => {
  db = await createTestDatabase();
  proxy = await startStripeProxy();
  api = await startTestApi(db, {
    STRIPE_SECRET_KEY: 'sk_test_realty',
    STRIPE_WEBHOOK_SECRET: SECRET,
    STRIPE_PRICE_PRO: PRICE_PRO,
    STRIPE_PRICE_BUSINESS: PRICE_BUSINESS,
    STRIPE_API_BASE: proxy.url,
  });
});
after(async () => {
  await api.close();
  await proxy.close();
  await db.drop();
});

type Json = Record<string, any>;

function deliver(
  body: string | Buffer,
  signature: string | undefined,
  target: TestApi = api,
): ReturnType<TestApi['request']> {
  return target.request('POST', '/webhooks/stripe', {
    rawBody: body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      ...(signature === undefined ? {} : { 'stripe-signature': signature }),
    },
  });
}

/** Signs the event now with the endpoint's secret and delivers it. */
function deliverEvent(event: Json, target: TestApi = api) {
  const body = JSON.stringify(event, null, 2);
  return deliver(body, sign(body, SECRET), target);
}

/** A signed-up agency that already has a Stripe customer (as checkout leaves it). */
async function customerAgency(name: string, customer = `cus_${randomBytes(7).toString('hex')}`) {
  const owner = await signUp(api, name);
  await db.owner('agencies').where({ id: owner.agencyId }).update({ stripe_customer_id: customer });
  await db
    .owner('subscriptions')
    .where({ agency_id: owner.agencyId })
    .update({ stripe_customer_id: customer });
  return { ...owner, customer, subscription: `sub_${randomBytes(7).toString('hex')}` };
}

const subscriptionRow = (agencyId: string) =>
  db.owner('subscriptions').where({ agency_id: agencyId }).first();
const stripeAudits = (agencyId: string) =>
  db.owner('audit_log').where({ agency_id: agencyId, actor_type: 'stripe' }).orderBy('created_at');
const eventRow = (id: string) =>
  db.owner('webhook_events').where({ provider: 'stripe', event_id: id }).first();
const subscriptionReads = (id: string) =>
  proxy.requests.filter((r) => r.method === 'GET' && r.path === `/v1/subscriptions/${id}`).length;

describe('signature verification', () => {
  test('the byte-exact signed delivery verifies with its published secret when tolerance is disabled', () => {
    const { body, signature, secret } = odooSignedDelivery();
    const event = Stripe.webhooks.constructEvent(body, signature, secret, 0);
    assert.equal(event.id, 'evt_1GqFpHAlCFm536g8NYSLoccF');
    assert.equal(event.type, 'checkout.session.completed');
    // Under the default 300 s tolerance the 2020 timestamp is a replay.
    assert.throws(() => Stripe.webhooks.constructEvent(body, signature, secret), /tolerance/i);
    // One byte changed and the same signature no longer matches.
    const tampered = Buffer.from(body);
    tampered[tampered.indexOf('"t-shirt"') + 2] = 'T'.charCodeAt(0);
    assert.throws(
      () => Stripe.webhooks.constructEvent(tampered, signature, secret, 0),
      /signature/i,
    );
  });

  test('the recorded delivery replayed years later is a stale timestamp: 400, nothing recorded', async () => {
    const { body, signature } = odooSignedDelivery();
    const res = await deliver(body, signature);
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'invalid_signature');
    assert.equal(await eventRow('evt_1GqFpHAlCFm536g8NYSLoccF'), undefined);
  });

  test('tampered body, wrong secret, stale or missing header: 400 invalid_signature, nothing read or recorded', async () => {
    const agency = await customerAgency('Tamper Homes');
    proxy.setSubscription(agency.subscription, {
      customer: agency.customer,
      status: 'active',
      price: PRICE_BUSINESS,
    });
    const event = subscriptionEvent('customer_subscription_updated__fxa', agency);
    const body = JSON.stringify(event, null, 2);
    const now = Math.floor(Date.now() / 1000);

    const tampered = body.replace(agency.subscription, `${agency.subscription}x`);
    assert.notEqual(tampered, body);
    const attempts = [
      await deliver(tampered, sign(body, SECRET)),
      await deliver(body, sign(body, `whsec_${randomBytes(16).toString('hex')}`)),
      await deliver(body, sign(body, SECRET, now - 301)),
      await deliver(body, undefined),
    ];
    for (const res of attempts) {
      assert.equal(res.status, 400);
      assert.equal(res.body.error.code, 'invalid_signature');
    }
    assert.equal(await eventRow(event.id), undefined);
    assert.equal(subscriptionReads(agency.subscription), 0);
    assert.equal((await subscriptionRow(agency.agencyId)).plan, 'starter');

    // Four minutes old is within Stripe's default tolerance.
    const ok = await deliver(body, sign(body, SECRET, now - 240));
    assert.equal(ok.status, 200);
    assert.equal((await subscriptionRow(agency.agencyId)).plan, 'business');
  });
});

describe('routing and deduplication', () => {
  test('an unknown customer is recorded and answered 200; nothing changes', async () => {
    const before = await db.owner('subscriptions').orderBy('id');
    const auditsBefore = await db.owner('audit_log').count({ n: '*' }).first();
    // The byte-exact Odoo body, signed now: customer cus_HP3xLqXMIwBfTg is no agency's.
    const { body } = odooSignedDelivery();
    const res = await deliver(body, sign(body.toString('utf8'), SECRET));
    assert.equal(res.status, 200);
    assert.equal(res.body.result, 'unrouted');
    const row = await eventRow('evt_1GqFpHAlCFm536g8NYSLoccF');
    assert.equal(row.type, 'checkout.session.completed');
    assert.equal(row.agency_id, null);
    assert.ok(row.processed_at);
    assert.deepEqual(await db.owner('subscriptions').orderBy('id'), before);
    assert.deepEqual(await db.owner('audit_log').count({ n: '*' }).first(), auditsBefore);
  });

  test('an event type outside the allow-list is answered 200 and ignored', async () => {
    const event = stripeFixture('openapi_fixtures/event');
    event.id = eventId();
    assert.equal(event.type, 'plan.created');
    const res = await deliverEvent(event);
    assert.equal(res.status, 200);
    assert.equal(res.body.result, 'ignored');
    assert.equal(await eventRow(event.id), undefined);
  });

  test('a duplicate delivery is a no-op: one event row, one audit row, one read of Stripe', async () => {
    const agency = await customerAgency('Twice Realty');
    proxy.setSubscription(agency.subscription, {
      customer: agency.customer,
      status: 'active',
      price: PRICE_PRO,
    });
    const event = subscriptionEvent('customer_subscription_updated__fxa', agency);
    const first = await deliverEvent(event);
    assert.equal(first.status, 200);
    assert.equal(first.body.subscription, 'changed');
    const second = await deliverEvent(event);
    assert.equal(second.status, 200);
    assert.equal(second.body.result, 'duplicate');

    assert.equal(
      (await db.owner('webhook_events').where({ event_id: event.id })).length,
      1,
      'one event row',
    );
    assert.equal((await stripeAudits(agency.agencyId)).length, 1);
    assert.equal(subscriptionReads(agency.subscription), 1);
  });
});

describe('convergence to the live subscription', () => {
  test('an update moves the plan; the change is audited with the Stripe event id', async () => {
    const agency = await customerAgency('Upgrade Homes');
    const periodStart = Math.floor(Date.now() / 1000) - 3600;
    const periodEnd = periodStart + 30 * 86400;
    proxy.setSubscription(agency.subscription, {
      customer: agency.customer,
      status: 'active',
      price: PRICE_BUSINESS,
      periodStart,
      periodEnd,
    });
    const event = subscriptionEvent('customer_subscription_updated__fxa', agency);
    const res = await deliverEvent(event);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {
      received: true,
      result: 'processed',
      agencyId: agency.agencyId,
      subscription: 'changed',
    });

    const row = await subscriptionRow(agency.agencyId);
    assert.equal(row.plan, 'business');
    assert.equal(row.status, 'active');
    assert.equal(row.stripe_subscription_id, agency.subscription);
    assert.equal(row.stripe_price_id, PRICE_BUSINESS);
    assert.equal(row.current_period_start.getTime(), periodStart * 1000);
    assert.equal(row.current_period_end.getTime(), periodEnd * 1000);
    assert.equal(row.cancel_at_period_end, false);

    const [audit] = await stripeAudits(agency.agencyId);
    assert.equal(audit.action, 'subscription.changed');
    assert.equal(audit.actor_id, event.id);
    assert.equal(audit.data.stripeEventId, event.id);
    assert.equal(audit.data.stripeEventType, 'customer.subscription.updated');
    assert.equal(audit.data.before.plan, 'starter');
    assert.equal(audit.data.after.plan, 'business');
    assert.ok((await eventRow(event.id)).processed_at);

    const billing = await api.request('GET', '/v1/billing', { token: agency.token });
    assert.equal(billing.body.plan, 'business');
    assert.equal(billing.body.limits.users, 50);
    assert.equal(billing.body.period.source, 'stripe');
  });

  test('out of order: deleted, then a late updated, converges to canceled (Starter limits)', async () => {
    const agency = await customerAgency('Order Realty');
    proxy.setSubscription(agency.subscription, {
      customer: agency.customer,
      status: 'canceled',
      price: PRICE_PRO,
    });
    const deleted = subscriptionEvent('customer_subscription_deleted__fxa', agency);
    const updated = subscriptionEvent('customer_subscription_updated__fxa', agency);
    // The late event's own payload says "active": applying it would undo the cancellation.
    assert.equal(updated.data.object.status, 'active');

    assert.equal((await deliverEvent(deleted)).body.subscription, 'changed');
    const late = await deliverEvent(updated);
    assert.equal(late.status, 200);
    assert.equal(late.body.subscription, 'unchanged');

    const row = await subscriptionRow(agency.agencyId);
    assert.equal(row.status, 'canceled');
    assert.equal(row.plan, 'pro');
    const billing = await api.request('GET', '/v1/billing', { token: agency.token });
    assert.equal(billing.body.plan, 'starter');
    assert.equal(billing.body.subscription.status, 'canceled');
    assert.equal(billing.body.limits.users, 3);
    assert.equal((await stripeAudits(agency.agencyId)).length, 1);
  });

  test('a failed payment makes the subscription past due with a grace period; invoice.paid restores it', async () => {
    const agency = await customerAgency('Late Payer Homes');
    proxy.setSubscription(agency.subscription, {
      customer: agency.customer,
      status: 'past_due',
      price: PRICE_PRO,
    });
    const failed = invoiceFailedEvent(agency);
    assert.equal((await deliverEvent(failed)).body.subscription, 'changed');
    const row = await subscriptionRow(agency.agencyId);
    assert.equal(row.status, 'past_due');
    assert.ok(row.past_due_since);
    const billing = await api.request('GET', '/v1/billing', { token: agency.token });
    assert.equal(billing.body.plan, 'pro');
    assert.equal(billing.body.access, 'grace');
    assert.equal(
      new Date(billing.body.graceEndsAt).getTime(),
      row.past_due_since.getTime() + 7 * 86400_000,
    );

    // A current-shape invoice names its subscription under parent.subscription_details.
    proxy.setSubscription(agency.subscription, {
      customer: agency.customer,
      status: 'active',
      price: PRICE_PRO,
    });
    const invoice = stripeFixture('openapi_fixtures/invoice');
    invoice.customer = agency.customer;
    invoice.parent.subscription_details.subscription = agency.subscription;
    const paid = await deliverEvent(currentShapeEvent('invoice.paid', invoice));
    assert.equal(paid.body.subscription, 'changed');
    const after = await subscriptionRow(agency.agencyId);
    assert.equal(after.status, 'active');
    assert.equal(after.past_due_since, null);
  });

  test('checkout.session.completed converges the subscription it created', async () => {
    const agency = await customerAgency('Checkout Done Realty');
    proxy.setSubscription(agency.subscription, {
      customer: agency.customer,
      status: 'active',
      price: PRICE_PRO,
    });
    const session = stripeFixture('openapi_fixtures/checkout_session');
    Object.assign(session, {
      mode: 'subscription',
      customer: agency.customer,
      subscription: agency.subscription,
      client_reference_id: agency.agencyId,
    });
    const res = await deliverEvent(currentShapeEvent('checkout.session.completed', session));
    assert.equal(res.body.subscription, 'changed');
    assert.equal((await subscriptionRow(agency.agencyId)).plan, 'pro');
  });

  test("stripe-mock's own subscription fixture converges by its price", async () => {
    // Exactly what stripe-mock serves: its fixture's customer and id, no overlay.
    const fixture = stripeFixture('openapi_fixtures/subscription');
    const agency = await customerAgency('Mock Fixture Homes', fixture.customer);
    const res = await deliverEvent(currentShapeEvent('customer.subscription.created', fixture));
    assert.equal(res.status, 200);
    assert.equal(res.body.subscription, 'changed');
    const row = await subscriptionRow(agency.agencyId);
    assert.equal(row.plan, 'pro');
    assert.equal(row.status, fixture.status);
    assert.equal(row.stripe_subscription_id, fixture.id);
    assert.equal(row.cancel_at_period_end, fixture.cancel_at_period_end);
    assert.equal(row.current_period_end.getTime(), fixture.items.data[0].current_period_end * 1000);
  });

  test('a late event about an ended, replaced subscription does not undo the current one', async () => {
    const agency = await customerAgency('Second Sub Realty');
    proxy.setSubscription(agency.subscription, {
      customer: agency.customer,
      status: 'active',
      price: PRICE_BUSINESS,
    });
    await deliverEvent(subscriptionEvent('customer_subscription_updated__fxa', agency));
    const old = `sub_old_${randomBytes(5).toString('hex')}`;
    proxy.setSubscription(old, { customer: agency.customer, status: 'canceled', price: PRICE_PRO });
    const res = await deliverEvent(
      subscriptionEvent('customer_subscription_deleted__fxa', { ...agency, subscription: old }),
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.subscription, 'skipped');
    const row = await subscriptionRow(agency.agencyId);
    assert.equal(row.stripe_subscription_id, agency.subscription);
    assert.equal(row.plan, 'business');
    assert.equal(row.status, 'active');
  });
});

describe('acknowledging only what is committed', () => {
  test('Stripe unreachable while re-reading: 503, nothing recorded; the redelivery is processed', async () => {
    const agency = await customerAgency('Outage Homes');
    proxy.setSubscription(agency.subscription, {
      customer: agency.customer,
      status: 'active',
      price: PRICE_PRO,
    });
    const event = subscriptionEvent('customer_subscription_updated__fxa', agency);
    proxy.failNext(`/v1/subscriptions/${agency.subscription}`, 500);
    const res = await deliverEvent(event);
    assert.equal(res.status, 503);
    assert.equal(res.body.error.code, 'stripe_unavailable');
    assert.equal(await eventRow(event.id), undefined);
    assert.equal((await subscriptionRow(agency.agencyId)).plan, 'starter');

    const again = await deliverEvent(event);
    assert.equal(again.status, 200);
    assert.equal(again.body.subscription, 'changed');
    assert.equal((await subscriptionRow(agency.agencyId)).plan, 'pro');
  });

  test('the database unreachable: 5xx, so Stripe delivers again', async () => {
    const down = await startTestApi(db, {
      DATABASE_URL: 'postgres://realty_app:x@127.0.0.1:1/nowhere',
      STRIPE_SECRET_KEY: 'sk_test_realty',
      STRIPE_WEBHOOK_SECRET: SECRET,
      STRIPE_API_BASE: proxy.url,
    });
    try {
      const event = subscriptionEvent('customer_subscription_updated__fxa', {
        customer: 'cus_whoever',
        subscription: 'sub_whatever',
      });
      const res = await deliverEvent(event, down);
      assert.ok(res.status >= 500, `status ${res.status}`);
      assert.equal(await eventRow(event.id), undefined);
    } finally {
      await down.close();
    }
  });
});
