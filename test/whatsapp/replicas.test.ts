import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTestApi, type TestApi } from '../support/api';
import { seedAgency } from '../support/agency';
import { messageFrom } from '../support/whatsappFixtures';
import { startListingStack, type ListingStack } from '../support/stack';
import { eventually } from '../support/eventually';
import { deliver } from './flow';

/**
 * Two API replicas behind one webhook address: an agent's messages reach whichever replica
 * Meta's request lands on, and their hand-offs reach Temporal in any order. The listing must
 * still read in the order the agent sent (workflows/intake/senderOrder.ts).
 */
let stack: ListingStack;
let replicaB: TestApi;

before(async () => {
  stack = await startListingStack({ quietWindowSeconds: 60 });
  const config = stack.api.deps.config;
  replicaB = await startTestApi(stack.db, {
    WHATSAPP_APP_SECRET: stack.appSecret,
    TASK_QUEUE_LISTINGS: config.TASK_QUEUE_LISTINGS,
    INTAKE_QUIET_WINDOW_SECONDS: '60',
    ENCRYPTION_KEY: config.ENCRYPTION_KEY,
  });
});
after(async () => {
  await replicaB.close();
  await stack.close();
});

test("an agent's burst split across two replicas and handed over out of order is drafted in the order it was sent", async () => {
  const { db, api, graph } = stack;
  const agency = await seedAgency(db, api.deps.secrets, { accessToken: graph.token });
  const second = Math.floor(Date.now() / 1000);
  const say = (text: string, timestamp: number) =>
    messageFrom('inbound_text__pywa', {
      phoneNumberId: agency.phoneNumberId,
      from: agency.agentPhone,
      text,
      timestamp,
    });
  const words = ['Piso de 2 habitaciones en Oporto', 'precio 250.000 EUR', 'terraza y garaje'];
  // Pasted within one second: Meta sends them in one request, so one group commit stores them
  // with one `received_at`; only the arrival sequence tells them apart.
  const burst = words.map((w) => say(w, second));
  const together = structuredClone(burst[0]!.payload);
  together.entry[0].changes[0].value.messages = burst.map(
    (m) => m.payload.entry[0].changes[0].value.messages[0],
  );
  // "listo" was sent a second later, but its request reaches replica B first.
  await deliver(replicaB, stack.appSecret, say('listo', second + 1).payload);
  await deliver(api, stack.appSecret, together);

  const listing = await eventually(async () => {
    const rows = await db.owner('listings').where({ agency_id: agency.agencyId });
    return rows.length && rows.every((r) => r.source_text) ? rows : undefined;
  }, 'the burst to be drafted');
  assert.equal(listing.length, 1, 'one listing: "listo" waited for the messages sent before it');
  const text: string = listing[0].source_text;
  const at = words.map((w) => text.indexOf(w));
  assert.ok(
    at.every((i) => i >= 0),
    `every message is in the listing text: ${text}`,
  );
  assert.deepEqual(
    [...at].sort((a, b) => a - b),
    at,
    `the listing text keeps the order they were sent in: ${text}`,
  );
  const stored = await db
    .owner('inbound_messages')
    .where({ listing_id: listing[0].id })
    .orderBy(['sent_at', 'arrival_seq']);
  // Stored in the order they arrived ("listo" first); read in the order they were sent.
  assert.deepEqual(
    stored.map((m) => m.provider_message_id).slice(0, 3),
    burst.map((m) => m.id),
  );
  assert.equal(stored[3]!.payload.text.body, 'listo');
  assert.equal(stored.length, 4, 'the three messages and "listo", each once');
});
