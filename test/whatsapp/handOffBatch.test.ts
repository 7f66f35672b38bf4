import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { seedAgency } from '../support/agency';
import { messageFrom } from '../support/whatsappFixtures';
import { startListingStack, type ListingStack } from '../support/stack';
import { eventually } from '../support/eventually';
import { openGroupQuery } from '../../workflows/intake/messages';
import { intakeWorkflowId } from '../../workflows/shared/ids';
import { deliver } from './flow';

/**
 * Hand-offs under load: while an agent's hand-off waits for Temporal, the messages their next
 * deliveries commit queue behind it and go over in one signal, in the order they were sent.
 */
let stack: ListingStack;
before(async () => {
  stack = await startListingStack({ quietWindowSeconds: 600, env: { HANDOFF_CONCURRENCY: '1' } });
});
after(async () => stack.close());

test("an agent's messages queued behind a busy hand-off reach the intake in one signal, in order", async () => {
  const agency = await seedAgency(stack.db, stack.api.deps.secrets, {
    accessToken: stack.graph.token,
  });
  let clock = Math.floor(Date.now() / 1000) - 60;
  const sent = ['Flat in Porto', '2 bedrooms', '250,000 EUR', 'balcony', 'lift'].map((text) =>
    messageFrom('inbound_text__pywa', {
      phoneNumberId: agency.phoneNumberId,
      from: agency.agentPhone,
      timestamp: ++clock,
      text,
    }),
  );
  // Another agency's slow hand-off holds the API's only slot to Temporal.
  let release!: () => void;
  const held = stack.api.deps.handOffs.run(
    'another-agency',
    () => new Promise<void>((resolve) => (release = resolve)),
  );
  for (const m of sent) await deliver(stack.api, stack.appSecret, m.payload);
  const pending = await stack.db
    .owner('inbound_messages')
    .where({ agency_id: agency.agencyId, state: 'pending' });
  assert.equal(pending.length, 5, 'acknowledged and stored, waiting for the slot');
  release();
  await held;

  const client = stack.api.deps.temporal.client;
  const handle = client.workflow.getHandle(intakeWorkflowId(agency.agencyId, agency.agentPhone));
  const view = await eventually(async () => {
    const v = await handle.query(openGroupQuery).catch(() => undefined);
    return v?.messages.length === 5 ? v : undefined;
  }, 'the intake to hold all five messages');
  assert.deepEqual(
    view.messages.map((m) => m.providerMessageId),
    sent.map((m) => m.id),
  );
  const history = await handle.fetchHistory();
  const signals = (history.events ?? []).filter((e) => e.workflowExecutionSignaledEventAttributes);
  // The first message took the slot when it was free again; the four behind it went together.
  assert.equal(signals.length, 2);
  await eventually(async () => {
    const rows = await stack.db
      .owner('inbound_messages')
      .where({ agency_id: agency.agencyId, state: 'dispatched' });
    return rows.length === 5 || undefined;
  }, 'every message marked dispatched');
});
