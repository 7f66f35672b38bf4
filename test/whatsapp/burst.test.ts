import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seedAgency } from '../support/agency';
import { messageFrom } from '../support/whatsappFixtures';
import { startListingStack, type ListingStack } from '../support/stack';
import { eventually } from '../support/eventually';
import { deliver } from './flow';

/**
 * The burst limit as configured (INTAKE_MAX_MESSAGES), end to end: webhook, intake workflow,
 * listing, and the agent's WhatsApp reply, well before the quiet window would have closed it.
 */
let stack: ListingStack;
before(async () => {
  stack = await startListingStack({ quietWindowSeconds: 600, env: { INTAKE_MAX_MESSAGES: '3' } });
});
after(async () => stack.close());

test('a burst that reaches the configured limit becomes a listing at once and the agent is told', async () => {
  const agency = await seedAgency(stack.db, stack.api.deps.secrets, {
    accessToken: stack.graph.token,
  });
  let clock = Math.floor(Date.now() / 1000) - 60;
  const sent = ['Flat in Porto', '2 bedrooms', '250,000 EUR', 'and a garage'].map((text) =>
    messageFrom('inbound_text__pywa', {
      phoneNumberId: agency.phoneNumberId,
      from: agency.agentPhone,
      timestamp: ++clock,
      text,
    }),
  );
  for (const m of sent) await deliver(stack.api, stack.appSecret, m.payload);

  const listing = await eventually(
    async () => (await stack.db.owner('listings').where({ agency_id: agency.agencyId }))[0],
    'the limit to close the burst (the quiet window is ten minutes)',
  );
  const attached = await stack.db
    .owner('inbound_messages')
    .where({ agency_id: agency.agencyId, listing_id: listing.id });
  assert.deepEqual(
    new Set(attached.map((r) => r.provider_message_id)),
    new Set(sent.slice(0, 3).map((m) => m.id)),
  );
  const reply = await eventually(
    async () =>
      stack.graph.sent.find(
        (m) =>
          m.to === agency.agentPhone && m.text.startsWith('That is the most one listing takes'),
      ),
    'the agent to be told',
  );
  assert.match(reply.text, /\(3 messages\)/);
  // The fourth message waits in the next burst.
  const later = await stack.db
    .owner('inbound_messages')
    .where({ agency_id: agency.agencyId, provider_message_id: sent[3]!.id })
    .first();
  assert.equal(later.listing_id, null);
});
