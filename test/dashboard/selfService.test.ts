import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { signUp, startTestApi, type TestApi } from '../support/api';
import { startGraphApiDouble, type GraphApiDouble } from '../support/graphApiDouble';
import { reviewPolicyOf } from '../../lib/review/policy';
import { loadAgency } from '../../activities/drafting/rows';
import { withTenant } from '../../lib/db';

let db: TestDatabase;
let api: TestApi;
let graph: GraphApiDouble;
before(async () => {
  db = await createTestDatabase();
  graph = await startGraphApiDouble();
  api = await startTestApi(db, {
    WHATSAPP_GRAPH_URL: graph.baseUrl,
    WHATSAPP_VERIFY_TOKEN: 'verify-token-1',
  });
});
after(async () => {
  await api.close();
  await graph.close();
  await db.drop();
});

const pnId = () => `pn-${randomBytes(4).toString('hex')}`;

describe('WhatsApp channel', () => {
  test('connecting seals the token, shows Meta setup, and a test message is recorded either way', async () => {
    const owner = await signUp(api, 'Channel Realty');
    const phoneNumberId = pnId();
    const put = await api.request('PUT', '/v1/whatsapp-channel', {
      token: owner.token,
      body: { phoneNumberId, accessToken: 'wrong-token-but-long-enough' },
    });
    assert.equal(put.status, 201, JSON.stringify(put.body));
    assert.equal(put.body.verifyToken, 'verify-token-1');
    assert.match(put.body.webhookUrl, /\/webhooks\/whatsapp$/);
    assert.equal(JSON.stringify(put.body).includes('wrong-token'), false, 'token never returned');
    const row = await db
      .owner('whatsapp_channels')
      .where({ phone_number_id: phoneNumberId })
      .first();
    assert.equal(api.deps.secrets.open(row.access_token_encrypted), 'wrong-token-but-long-enough');

    const refused = await api.request('POST', '/v1/whatsapp-channel/test-message', {
      token: owner.token,
      body: { to: '+351 912 000 111' },
    });
    assert.equal(refused.status, 200);
    assert.equal(refused.body.status, 'failed');
    assert.match(refused.body.error, /refused the access token/);

    // Only the token changes; the number stays.
    const fixed = await api.request('PUT', '/v1/whatsapp-channel', {
      token: owner.token,
      body: { phoneNumberId, accessToken: graph.token },
    });
    assert.equal(fixed.status, 200);
    const ok = await api.request('POST', '/v1/whatsapp-channel/test-message', {
      token: owner.token,
      body: { to: '+351 912 000 111' },
    });
    assert.equal(ok.body.status, 'sent');
    assert.ok(graph.sent.some((m) => m.id === ok.body.messageId && m.to === '351912000111'));
    const page = await api.request('GET', '/v1/whatsapp-channel', { token: owner.token });
    assert.equal(page.body.channel.phoneNumberId, phoneNumberId);
    assert.equal(page.body.lastDelivery.status, 'sent');
    const attempts = await db
      .owner('outbound_messages')
      .where({ agency_id: owner.agencyId, kind: 'channel_test' })
      .orderBy('created_at');
    assert.deepEqual(
      attempts.map((a) => a.status),
      ['failed', 'sent'],
    );
  });

  test("another agency's number is a 409; a first connection without a token is a 422", async () => {
    const a = await signUp(api, 'Number A');
    const b = await signUp(api, 'Number B');
    const phoneNumberId = pnId();
    await api.request('PUT', '/v1/whatsapp-channel', {
      token: a.token,
      body: { phoneNumberId, accessToken: graph.token },
    });
    const taken = await api.request('PUT', '/v1/whatsapp-channel', {
      token: b.token,
      body: { phoneNumberId, accessToken: graph.token },
    });
    assert.equal(taken.status, 409);
    assert.equal(taken.body.error.code, 'whatsapp_number_taken');
    const noToken = await api.request('PUT', '/v1/whatsapp-channel', {
      token: b.token,
      body: { phoneNumberId: pnId() },
    });
    assert.equal(noToken.status, 422);
    assert.ok(noToken.body.error.fields['/accessToken']);
  });
});

describe('agency settings', () => {
  test('are stored where the review timers and drafting read them', async () => {
    const owner = await signUp(api, 'Settings Realty');
    const res = await api.request('PATCH', '/v1/agency/settings', {
      token: owner.token,
      body: {
        language: 'pt',
        secondLanguage: 'en',
        reviewReminderHours: 6,
        reviewExpiryDays: 3,
        defaultCurrency: 'EUR',
        defaultCountry: 'PT',
      },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const agency = await db.owner('agencies').where({ id: owner.agencyId }).first();
    assert.deepEqual(reviewPolicyOf(agency.settings), {
      remindAfterMs: 6 * 3_600_000,
      expireAfterMs: 3 * 86_400_000,
    });
    const drafting = await withTenant(db.app, owner.agencyId, (tx) =>
      loadAgency(tx, owner.agencyId),
    );
    // Social platforms were never chosen here: drafting writes for every one, most wanted first.
    assert.deepEqual(drafting, {
      language: 'pt',
      currency: 'EUR',
      secondLanguage: 'en',
      socialPlatforms: ['instagram', 'facebook', 'x', 'linkedin'],
    });
    const read = await api.request('GET', '/v1/agency/settings', { token: owner.token });
    assert.equal(read.body.defaultCountry, 'PT');
    assert.equal(read.body.reviewReminderHours, 6);

    const bad = await api.request('PATCH', '/v1/agency/settings', {
      token: owner.token,
      body: { defaultCurrency: 'euro', reviewReminderHours: 100, reviewExpiryDays: 2 },
    });
    assert.equal(bad.status, 422);
    assert.ok(bad.body.error.fields['/defaultCurrency']);
  });
});

describe('onboarding and roles', () => {
  test('the checklist reads real state; agents cannot open settings pages', async () => {
    const owner = await signUp(api, 'Checklist Realty');
    const steps = async () =>
      Object.fromEntries(
        (await api.request('GET', '/v1/onboarding', { token: owner.token })).body.steps.map(
          (s: { id: string; done: boolean }) => [s.id, s.done],
        ),
      );
    assert.deepEqual(await steps(), {
      whatsapp: false,
      agents: false,
      wordpress: false,
      first_listing: false,
    });
    await api.request('PUT', '/v1/whatsapp-channel', {
      token: owner.token,
      body: { phoneNumberId: pnId(), accessToken: graph.token },
    });
    const invited = await api.request('POST', '/v1/users/invitations', {
      token: owner.token,
      body: { name: 'Agent', role: 'agent', whatsappPhone: '+34 600 111 222' },
    });
    assert.equal(invited.status, 201, JSON.stringify(invited.body));
    assert.deepEqual(await steps(), {
      whatsapp: true,
      agents: true,
      wordpress: false,
      first_listing: false,
    });

    const key = await api.request('POST', '/v1/api-keys', {
      token: owner.token,
      body: { name: 'agent key', role: 'agent' },
    });
    for (const path of ['/v1/onboarding', '/v1/agency/settings', '/v1/whatsapp-channel']) {
      const res = await api.request('GET', path, { token: key.body.key });
      assert.equal(res.status, 403, path);
    }
  });
});
