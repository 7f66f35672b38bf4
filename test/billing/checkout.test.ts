import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { signUp, startTestApi, type TestApi } from '../support/api';
import { startStripeProxy, type StripeProxy } from './stripeProxy';

const PRICE_PRO = `price_pro_${randomBytes(4).toString('hex')}`;
const PRICE_BUSINESS = `price_business_${randomBytes(4).toString('hex')}`;

let db: TestDatabase;
let proxy: StripeProxy;
let api: TestApi;
before(async () => {
  db = await createTestDatabase();
  proxy = await startStripeProxy();
  api = await startTestApi(db, {
    STRIPE_SECRET_KEY: 'sk_test_realty',
    STRIPE_WEBHOOK_SECRET: 'whsec_checkout_tests',
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

const sent = (path: string) => proxy.requests.filter((r) => r.method === 'POST' && r.path === path);

/** An admin of the owner's agency, signed in. */
async function adminOf(owner: { token: string }) {
  const email = `admin-${randomBytes(3).toString('hex')}@billing.test`;
  const inv = await api.request('POST', '/v1/users/invitations', {
    token: owner.token,
    body: { name: 'Admin', email, role: 'admin' },
  });
  const accepted = await api.request('POST', '/v1/auth/invitations/accept', {
    body: { token: inv.body.invitationToken, password: 'admin password 123' },
  });
  return accepted.body.accessToken as string;
}

describe('checkout', () => {
  test('creates the Stripe customer first, stores it, and returns the Checkout URL', async () => {
    const owner = await signUp(api, 'Checkout Homes');
    const customersBefore = sent('/v1/customers').length;
    const res = await api.request('POST', '/v1/billing/checkout', {
      token: owner.token,
      body: { plan: 'pro' },
    });
    assert.equal(res.status, 200);
    assert.match(res.body.url, /^https:\/\/checkout\.stripe\.com\//);
    assert.match(res.body.id, /^cs_/);

    const agency = await db.owner('agencies').where({ id: owner.agencyId }).first();
    assert.match(agency.stripe_customer_id, /^cus_/);
    assert.equal(res.body.customerId, agency.stripe_customer_id);
    const sub = await db.owner('subscriptions').where({ agency_id: owner.agencyId }).first();
    assert.equal(sub.stripe_customer_id, agency.stripe_customer_id);
    assert.equal(sub.plan, 'starter', 'the plan changes only when the webhook says it is paid');

    const customerCalls = sent('/v1/customers').slice(customersBefore);
    assert.equal(customerCalls.length, 1);
    assert.equal(customerCalls[0]!.form.get('metadata[agency_id]'), owner.agencyId);
    assert.equal(customerCalls[0]!.form.get('email'), owner.email);
    assert.equal(customerCalls[0]!.headers['idempotency-key'], `agency-customer-${owner.agencyId}`);

    const session = sent('/v1/checkout/sessions').at(-1)!;
    assert.equal(session.form.get('mode'), 'subscription');
    assert.equal(session.form.get('customer'), agency.stripe_customer_id);
    assert.equal(session.form.get('line_items[0][price]'), PRICE_PRO);
    assert.equal(session.form.get('client_reference_id'), owner.agencyId);
    assert.match(session.form.get('success_url')!, /checkout=success/);

    const actions = await db
      .owner('audit_log')
      .where({ agency_id: owner.agencyId })
      .pluck('action');
    assert.ok(actions.includes('billing.customer_created'));
    assert.ok(actions.includes('billing.checkout_started'));

    // A second checkout (say, for Business) reuses the customer.
    const again = await api.request('POST', '/v1/billing/checkout', {
      token: owner.token,
      body: { plan: 'business' },
    });
    assert.equal(again.status, 200);
    assert.equal(again.body.customerId, agency.stripe_customer_id);
    assert.equal(sent('/v1/customers').length, customersBefore + 1);
    assert.equal(
      sent('/v1/checkout/sessions').at(-1)!.form.get('line_items[0][price]'),
      PRICE_BUSINESS,
    );
  });

  test('owner only: an admin is 403 and nothing is created at Stripe', async () => {
    const owner = await signUp(api, 'Owner Only Realty');
    const admin = await adminOf(owner);
    const before = proxy.requests.length;
    for (const path of ['/v1/billing/checkout', '/v1/billing/portal']) {
      const res = await api.request('POST', path, { token: admin, body: { plan: 'pro' } });
      assert.equal(res.status, 403);
      assert.equal(res.body.error.code, 'forbidden');
    }
    assert.equal(proxy.requests.length, before);
    // Admins can still see the plan.
    assert.equal((await api.request('GET', '/v1/billing', { token: admin })).status, 200);
  });

  test('Enterprise is not sold through Checkout; a paying agency is sent to the portal', async () => {
    const owner = await signUp(api, 'Big Agency');
    const enterprise = await api.request('POST', '/v1/billing/checkout', {
      token: owner.token,
      body: { plan: 'enterprise' },
    });
    assert.equal(enterprise.status, 422);
    assert.ok(enterprise.body.error.fields['/plan']);

    await db
      .owner('subscriptions')
      .where({ agency_id: owner.agencyId })
      .update({ plan: 'pro', status: 'active', stripe_subscription_id: `sub_${owner.agencyId}` });
    const res = await api.request('POST', '/v1/billing/checkout', {
      token: owner.token,
      body: { plan: 'business' },
    });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, 'subscription_exists');
  });

  test('Stripe unreachable is 503 stripe_unavailable, and the customer already made is kept', async () => {
    const owner = await signUp(api, 'Outage Realty');
    proxy.failNext('/v1/checkout/sessions', 500);
    const res = await api.request('POST', '/v1/billing/checkout', {
      token: owner.token,
      body: { plan: 'pro' },
    });
    assert.equal(res.status, 503);
    assert.equal(res.body.error.code, 'stripe_unavailable');
    const agency = await db.owner('agencies').where({ id: owner.agencyId }).first();
    assert.match(agency.stripe_customer_id, /^cus_/);
  });
});

describe('customer portal', () => {
  test('returns a portal session for the agency customer; none without one', async () => {
    const owner = await signUp(api, 'Portal Homes');
    const none = await api.request('POST', '/v1/billing/portal', { token: owner.token });
    assert.equal(none.status, 409);
    assert.equal(none.body.error.code, 'no_billing_account');

    await api.request('POST', '/v1/billing/checkout', {
      token: owner.token,
      body: { plan: 'pro' },
    });
    const agency = await db.owner('agencies').where({ id: owner.agencyId }).first();
    const res = await api.request('POST', '/v1/billing/portal', { token: owner.token });
    assert.equal(res.status, 200);
    assert.match(res.body.url, /^https:\/\//);
    const call = sent('/v1/billing_portal/sessions').at(-1)!;
    assert.equal(call.form.get('customer'), agency.stripe_customer_id);
    assert.match(call.form.get('return_url')!, /\/app\/#\/billing$/);
  });
});

describe('without Stripe configured', () => {
  test('billing routes and the webhook answer 503 billing_not_configured; GET /v1/billing works', async () => {
    const bare = await startTestApi(db);
    try {
      const owner = await signUp(bare, 'No Stripe Realty');
      const checkout = await bare.request('POST', '/v1/billing/checkout', {
        token: owner.token,
        body: { plan: 'pro' },
      });
      assert.equal(checkout.status, 503);
      assert.equal(checkout.body.error.code, 'billing_not_configured');
      const hook = await bare.request('POST', '/webhooks/stripe', {
        rawBody: '{}',
        headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' },
      });
      assert.equal(hook.status, 503);
      const billing = await bare.request('GET', '/v1/billing', { token: owner.token });
      assert.equal(billing.status, 200);
      assert.equal(billing.body.plan, 'starter');
    } finally {
      await bare.close();
    }
  });
});
