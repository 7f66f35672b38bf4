import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { TestDatabase } from '../support/database';
import type { TestApi } from '../support/api';
import { seedAgency, type SeededAgency } from '../support/agency';
import { messageFrom } from '../support/whatsappFixtures';
import type { GraphApiDouble } from '../support/graphApiDouble';
import { startListingStack, type ListingStack } from '../support/stack';
import { intakeWorkflowId } from '../../workflows/shared/ids';
import { openGroupQuery } from '../../workflows/intake/messages';
import { deliver, realPhoto } from './flow';
import { eventually } from '../support/eventually';

let stack: ListingStack;
let db: TestDatabase;
let api: TestApi;
let graph: GraphApiDouble;

before(async () => {
  stack = await startListingStack({ quietWindowSeconds: 5 });
  ({ db, api, graph } = stack);
});
after(async () => stack.close());

test('two agents of one agency writing at the same time get one listing each, with only their own messages', async () => {
  const agency: SeededAgency = await seedAgency(db, api.deps.secrets, { accessToken: graph.token });
  const ana = { phone: agency.agentPhone, userId: agency.agentId };
  const [bo] = await db
    .owner('users')
    .insert({
      agency_id: agency.agencyId,
      name: 'Bo',
      role: 'agent',
      whatsapp_phone: '15550002222',
    })
    .returning('id');
  const ben = { phone: '15550002222', userId: bo.id as string };
  const [ana1, ana2, ben1] = [
    await realPhoto(1),
    await realPhoto(2, 'png'),
    await realPhoto(3),
  ] as const;
  graph.addMedia('m-ana-1', ana1, 'image/jpeg');
  graph.addMedia('m-ana-2', ana2, 'image/png');
  graph.addMedia('m-ben-1', ben1, 'image/jpeg');

  let clock = Math.floor(Date.now() / 1000);
  const say = (from: string, text: string) =>
    messageFrom('inbound_text__pywa', {
      phoneNumberId: agency.phoneNumberId,
      from,
      text,
      timestamp: ++clock,
    });
  const photo = (from: string, mediaId: string, media: Buffer) =>
    messageFrom('inbound_image_no_caption__pywa', {
      phoneNumberId: agency.phoneNumberId,
      from,
      mediaId,
      media,
      timestamp: ++clock,
    });
  // Interleaved, and each pair posted concurrently, as two phones would.
  const burst = [
    [
      say(ana.phone, '3 bed flat in Marbella, 450,000 EUR'),
      say(ben.phone, 'Casa en Usaquén, 2 habitaciones'),
    ],
    [photo(ana.phone, 'm-ana-1', ana1), photo(ben.phone, 'm-ben-1', ben1)],
    [photo(ana.phone, 'm-ana-2', ana2), say(ben.phone, 'Precio 1.200 millones COP')],
  ];
  const sent = { [ana.phone]: [] as string[], [ben.phone]: [] as string[] };
  for (const pair of burst) {
    await Promise.all(pair.map((m) => deliver(api, stack.appSecret, m.payload)));
    for (const m of pair) sent[m.payload.entry[0].changes[0].value.messages[0].from]!.push(m.id);
  }
  // Ana is done; Ben goes on thinking (his burst closes on the quiet window).
  await deliver(api, stack.appSecret, say(ana.phone, 'done').payload);

  const anaListing = await eventually(
    async () =>
      db.owner('listings').where({ agency_id: agency.agencyId, agent_user_id: ana.userId }).first(),
    "Ana's listing",
  );
  const benGroup = await api.deps.temporal.client.workflow
    .getHandle(intakeWorkflowId(agency.agencyId, ben.phone))
    .query(openGroupQuery);
  assert.deepEqual(
    benGroup.messages.map((m) => m.providerMessageId),
    sent[ben.phone],
    "Ben's burst is still open, with his three messages and nothing of Ana's",
  );

  const benListing = await eventually(
    async () =>
      db.owner('listings').where({ agency_id: agency.agencyId, agent_user_id: ben.userId }).first(),
    "Ben's listing",
  );
  assert.equal((await db.owner('listings').where({ agency_id: agency.agencyId })).length, 2);

  const messagesOf = async (listingId: string) =>
    db.owner('inbound_messages').where({ listing_id: listingId }).orderBy('sent_at');
  const anaMessages = await messagesOf(anaListing.id);
  assert.deepEqual(anaMessages.map((m) => m.provider_message_id).slice(0, 3), sent[ana.phone]);
  assert.ok(anaMessages.every((m) => m.from_phone === ana.phone));
  assert.equal(anaMessages.length, 4, 'her three messages and her "done"');
  const benMessages = await messagesOf(benListing.id);
  assert.deepEqual(
    benMessages.map((m) => m.provider_message_id),
    sent[ben.phone],
  );

  const replies = await eventually(async () => {
    // The acknowledgements of what arrived (later replies, such as "draft ready", may follow).
    const r = graph.sent.filter(
      (m) => m.phoneNumberId === agency.phoneNumberId && m.text.startsWith('Got '),
    );
    return r.length === 2 ? r : undefined;
  }, 'one reply to each agent');
  // Each reply is sent once the listing's photos are stored.
  assert.equal(
    replies.find((r) => r.to === ana.phone)?.text,
    'Got 2 texts and 2 photos. Drafting the listing now.',
  );
  assert.equal(
    replies.find((r) => r.to === ben.phone)?.text,
    'Got 2 texts and 1 photo. Drafting the listing now.',
  );
  // Photo analysis may mark a near-duplicate; every photo still has its asset, in its listing.
  const assetsOf = async (listingId: string) =>
    db
      .owner('listing_assets as a')
      .join('inbound_messages as m', 'm.id', 'a.inbound_message_id')
      .where({ 'a.listing_id': listingId })
      .select('m.from_phone');
  assert.deepEqual(
    (await assetsOf(anaListing.id)).map((a) => a.from_phone),
    [ana.phone, ana.phone],
  );
  assert.deepEqual(
    (await assetsOf(benListing.id)).map((a) => a.from_phone),
    [ben.phone],
  );
});
