import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { randomBytes, randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedAgency, type SeededAgency } from '../support/agency';
import { startGraphApiDouble, type GraphApiDouble } from '../support/graphApiDouble';
import { testActivityDeps } from '../support/worker';
import { createSecretBox } from '../../lib/crypto/secretBox';
import { createWhatsAppActivities } from '../../activities/whatsapp';
import { insideServiceWindow } from '../../lib/whatsapp/serviceWindow';
import type { ActivityDeps } from '../../activities';

let db: TestDatabase;
let graph: GraphApiDouble;
const secrets = createSecretBox(Buffer.alloc(32, 9).toString('base64'));
const HOUR = 3600 * 1000;

before(async () => {
  db = await createTestDatabase();
  graph = await startGraphApiDouble();
});
after(async () => {
  await graph.close();
  await db.drop();
});

/** The agent's last WhatsApp message to the agency's number, `ageMs` ago. */
async function agentWrote(agency: SeededAgency, ageMs: number, over: Record<string, unknown> = {}) {
  await db.owner('inbound_messages').insert({
    agency_id: agency.agencyId,
    channel_id: agency.channelId,
    provider_message_id: `wamid.${randomBytes(8).toString('hex')}`,
    from_phone: agency.agentPhone,
    kind: 'text',
    payload: JSON.stringify({ type: 'text', text: { body: 'hi' } }),
    sent_at: new Date(Date.now() - ageMs),
    state: 'dispatched',
    ...over,
  });
}

function notify(
  deps: ActivityDeps,
  agency: SeededAgency,
  listingId: string = randomUUID(),
): Promise<{ providerMessageId: string; alreadySent: boolean }> {
  const activities = createWhatsAppActivities(deps);
  return new MockActivityEnvironment().run(
    (input: Parameters<typeof activities.notifyAgent>[0]) => activities.notifyAgent(input),
    {
      agencyId: agency.agencyId,
      listingId,
      to: agency.agentPhone,
      kind: 'received' as const,
      params: { texts: 1, photos: 3, skipped: 0 },
    },
  );
}

const sentTo = (agency: SeededAgency) => graph.sent.filter((m) => m.to === agency.agentPhone);
const outbound = (agency: SeededAgency) =>
  db.owner('outbound_messages').where({ agency_id: agency.agencyId }).first();

test('the window is 24 hours from the last inbound message, less a safety margin', () => {
  const now = new Date();
  const ago = (ms: number) => new Date(now.getTime() - ms);
  assert.equal(insideServiceWindow(ago(HOUR), now), true);
  assert.equal(insideServiceWindow(ago(23 * HOUR), now), true);
  assert.equal(insideServiceWindow(ago(23 * HOUR + 55 * 60 * 1000), now), false);
  assert.equal(insideServiceWindow(ago(25 * HOUR), now), false);
  assert.equal(insideServiceWindow(undefined, now), false);
});

test('inside the window the reply is free-form text', async () => {
  const agency = await seedAgency(db, secrets, { accessToken: graph.token });
  await agentWrote(agency, 25 * HOUR);
  await agentWrote(agency, 1 * HOUR);
  const deps = testActivityDeps(db.app, secrets, graph.baseUrl);
  await notify(deps, agency);
  const [sent] = sentTo(agency);
  assert.equal(sent?.type, 'text');
  assert.equal(sent?.text, 'Got 1 text and 3 photos. Drafting the listing now.');
  assert.equal((await outbound(agency)).body.via, 'text');
});

test('outside the window the same words go in the configured template, once per key', async () => {
  const agency = await seedAgency(db, secrets, { accessToken: graph.token });
  await agentWrote(agency, 25 * HOUR);
  // Someone else's fresh message does not open the agent's window.
  await agentWrote(agency, 60_000, { from_phone: '15550009999' });
  const deps = {
    ...testActivityDeps(db.app, secrets, graph.baseUrl),
    whatsappTemplate: { name: 'realty_listing_update' },
  };
  const listingId = randomUUID();
  const first = await notify(deps, agency, listingId);
  const again = await notify(deps, agency, listingId);
  assert.equal(again.alreadySent, true);
  assert.equal(again.providerMessageId, first.providerMessageId);
  const sent = sentTo(agency);
  assert.equal(sent.length, 1);
  assert.equal(sent[0]!.type, 'template');
  assert.deepEqual(sent[0]!.template, {
    name: 'realty_listing_update',
    language: 'en',
    params: ['Got 1 text and 3 photos. Drafting the listing now.'],
  });
  const row = await outbound(agency);
  assert.equal(row.body.via, 'template');
  assert.equal(row.body.template, 'realty_listing_update');
  assert.equal(row.provider_message_id, first.providerMessageId);
});

test("an agent who never wrote on WhatsApp gets the template in the agency's language", async () => {
  const agency = await seedAgency(db, secrets, { accessToken: graph.token, language: 'pt' });
  // Submissions from the app are not WhatsApp messages: they open no window.
  await agentWrote(agency, 60_000, { channel_id: null, source: 'app' });
  await notify(testActivityDeps(db.app, secrets, graph.baseUrl), agency);
  const [sent] = sentTo(agency);
  assert.equal(sent?.type, 'template');
  assert.equal(sent?.template?.name, 'listing_update');
  assert.equal(sent?.template?.language, 'pt_BR');
  assert.match(sent?.template?.params[0] ?? '', /^Recebi 1 texto e 3 fotos/);
});

test('a configured language code applies to every agency', async () => {
  const agency = await seedAgency(db, secrets, { accessToken: graph.token, language: 'es' });
  const deps = {
    ...testActivityDeps(db.app, secrets, graph.baseUrl),
    whatsappTemplate: { name: 'listing_update', languageCode: 'es_MX' },
  };
  await notify(deps, agency);
  assert.equal(sentTo(agency)[0]?.template?.language, 'es_MX');
});
