import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { seedAgency } from '../support/agency';
import { startListingStack, type ListingStack } from '../support/stack';
import { eventually } from '../support/eventually';
import { messageFrom } from '../support/whatsappFixtures';
import { signMetaPayload } from '../../lib/whatsapp/signature';

let stack: ListingStack;
before(async () => {
  stack = await startListingStack();
});
after(async () => stack.close());

test('a Starter agency over its monthly listing limit gets a clear WhatsApp reply and no listing', async () => {
  const { db, api, graph, appSecret } = stack;
  const agency = await seedAgency(db, api.deps.secrets, {
    accessToken: graph.token,
    plan: 'starter',
  });
  // This month's ten listings are already used.
  await db.owner('usage_records').insert(
    Array.from({ length: 10 }, () => ({
      agency_id: agency.agencyId,
      metric: 'listing_created',
      subject_id: randomUUID(),
    })),
  );

  for (const text of ['2 bed flat in Quito, 95000 USD', 'done']) {
    const { payload } = messageFrom('inbound_text__pywa', {
      phoneNumberId: agency.phoneNumberId,
      from: agency.agentPhone,
      text,
    });
    const raw = JSON.stringify(payload);
    const res = await api.request('POST', '/webhooks/whatsapp', {
      rawBody: raw,
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': signMetaPayload(appSecret, raw),
      },
    });
    assert.equal(res.status, 200);
  }
  const reply = await eventually(
    async () => graph.sent.find((m) => m.to === agency.agentPhone),
    'the plan-limit reply',
  );
  assert.match(reply.text, /reached its plan's listing limit.*upgrade to Pro/);
  assert.equal((await db.owner('listings').where({ agency_id: agency.agencyId })).length, 0);
  const messages = await db.owner('inbound_messages').where({ agency_id: agency.agencyId });
  assert.ok(
    messages.every((m) => m.state_reason === 'plan_limit'),
    'the messages say why they made no listing',
  );
});
