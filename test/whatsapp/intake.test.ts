import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestDatabase } from '../support/database';
import type { TestApi } from '../support/api';
import { seedAgency, type SeededAgency } from '../support/agency';
import { messageFrom } from '../support/whatsappFixtures';
import type { GraphApiDouble } from '../support/graphApiDouble';
import { startListingStack, type ListingStack } from '../support/stack';
import { PDF } from '../support/images';
import { realPhoto } from './flow';
import { eventually } from '../support/eventually';
import { signMetaPayload } from '../../lib/whatsapp/signature';
import { intakeWorkflowId, listingWorkflowId } from '../../workflows/shared/ids';
import { openGroupQuery } from '../../workflows/intake/messages';
import { listingStatusQuery } from '../../workflows/listing/messages';
import { ListingStatus, TenantId } from '../../workflows/shared/searchAttributes';

let stack: ListingStack;
let db: TestDatabase;
let api: TestApi;
let graph: GraphApiDouble;

before(async () => {
  stack = await startListingStack({ quietWindowSeconds: 4 });
  ({ db, api, graph } = stack);
});
after(async () => stack.close());

let clock = Math.floor(Date.now() / 1000);
async function send(
  agency: SeededAgency,
  fixtureName: string,
  opts: { text?: string; caption?: string; mediaId?: string; from?: string; media?: Buffer } = {},
) {
  const { payload, id } = messageFrom(fixtureName, {
    phoneNumberId: agency.phoneNumberId,
    from: opts.from ?? agency.agentPhone,
    timestamp: ++clock,
    ...opts,
  });
  const raw = JSON.stringify(payload);
  const res = await api.request('POST', '/webhooks/whatsapp', {
    rawBody: raw,
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': signMetaPayload(stack.appSecret, raw),
    },
  });
  assert.equal(res.status, 200);
  return id;
}

const listingsOf = (agency: SeededAgency) =>
  db.owner('listings').where({ agency_id: agency.agencyId }).orderBy('created_at');

describe('a burst becomes one listing', () => {
  test('text and photos (some as documents) become one submission after the quiet window', async () => {
    const agency = await seedAgency(db, api.deps.secrets, { accessToken: graph.token });
    // Real photos: the drafting that follows decodes each one.
    const jpeg = await realPhoto(11);
    const png = await realPhoto(12, 'png');
    graph.addMedia('m-photo-1', jpeg, 'image/jpeg');
    graph.addMedia('m-photo-2', png, 'image/png');
    graph.addMedia('m-brochure', PDF, 'application/pdf');

    await send(agency, 'inbound_text__pywa', { text: '3 bed flat in Marbella, 450,000 EUR' });
    await send(agency, 'inbound_image_no_caption__pywa', {
      mediaId: 'm-photo-1',
      media: jpeg,
    });
    // A photo sent "as document" keeps full quality; a PDF brochure is recorded and skipped.
    const asDocument = messageFrom('inbound_document_with_caption__pywa', {
      phoneNumberId: agency.phoneNumberId,
      from: agency.agentPhone,
      mediaId: 'm-photo-2',
    });
    asDocument.payload.entry[0].changes[0].value.messages[0].document.mime_type = 'image/png';
    asDocument.payload.entry[0].changes[0].value.messages[0].document.sha256 = undefined;
    const raw = JSON.stringify(asDocument.payload);
    await api.request('POST', '/webhooks/whatsapp', {
      rawBody: raw,
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': signMetaPayload(stack.appSecret, raw),
      },
    });
    await send(agency, 'inbound_document_with_caption__pywa', {
      mediaId: 'm-brochure',
      caption: 'brochure',
    });

    const group = await eventually(async () => {
      const view = await api.deps.temporal.client.workflow
        .getHandle(intakeWorkflowId(agency.agencyId, agency.agentPhone))
        .query(openGroupQuery);
      return view.messages.length === 4 ? view : undefined;
    }, 'the open group to hold 4 messages');
    assert.equal(group.texts, 1);

    const [listing] = await eventually(async () => {
      const rows = await listingsOf(agency);
      return rows.length && rows[0].status === 'awaiting_review' ? rows : undefined;
    }, 'the listing to await review');
    assert.equal(listing.agent_user_id, agency.agentId);

    const assets = await db
      .owner('listing_assets')
      .where({ listing_id: listing.id })
      .orderBy('created_at');
    const stored = assets.filter((a) => a.status === 'stored');
    assert.equal(stored.length, 2);
    assert.deepEqual(stored.map((a) => a.mime_type).sort(), ['image/jpeg', 'image/png']);
    for (const a of stored) assert.ok((await api.deps.storage.get(a.storage_key)).body.length > 0);
    const skipped = assets.find((a) => a.status === 'skipped');
    assert.match(skipped.skip_reason, /not a photo \(application\/pdf\)/);

    const linked = await db.owner('inbound_messages').where({ listing_id: listing.id });
    assert.equal(linked.length, 4);

    const reply = await eventually(
      async () => graph.sent.find((m) => m.to === agency.agentPhone && m.text.startsWith('Got ')),
      'the reply to the agent',
    );
    assert.equal(reply.text, 'Got 1 text and 2 photos (1 file skipped). Drafting the listing now.');
    assert.equal(reply.phoneNumberId, agency.phoneNumberId);

    const view = await api.deps.temporal.client.workflow
      .getHandle(listingWorkflowId(agency.agencyId, listing.id))
      .query(listingStatusQuery);
    assert.deepEqual(view.media, { stored: 2, skipped: 1 });
    const description = await api.deps.temporal.client.workflow
      .getHandle(listingWorkflowId(agency.agencyId, listing.id))
      .describe();
    assert.equal(description.typedSearchAttributes.get(TenantId), agency.agencyId);
    assert.equal(description.typedSearchAttributes.get(ListingStatus), 'awaiting_review');
  });

  test('"done" closes the burst at once; "new listing" splits two properties', async () => {
    const agency = await seedAgency(db, api.deps.secrets, {
      accessToken: graph.token,
      language: 'es',
    });
    await send(agency, 'inbound_text__pywa', { text: 'Apartamento 2 habitaciones, Chapinero' });
    await send(agency, 'inbound_text__pywa', { text: 'Nueva propiedad: casa en Usaquén' });
    await send(agency, 'inbound_text__pywa', { text: 'listo' });
    const rows = await eventually(async () => {
      const r = await listingsOf(agency);
      return r.length === 2 && r.every((l) => l.status === 'awaiting_review') ? r : undefined;
    }, 'two listings');
    const counts = await Promise.all(
      rows.map(
        async (l) => (await db.owner('inbound_messages').where({ listing_id: l.id })).length,
      ),
    );
    assert.deepEqual(counts.sort(), [1, 2]);
    const replies = await eventually(async () => {
      // The acknowledgements; "draft ready" replies follow them.
      const r = graph.sent.filter((m) => m.to === agency.agentPhone && m.text.startsWith('Recibí'));
      return r.length === 2 ? r : undefined;
    }, 'two replies');
    assert.match(replies[0]!.text, /^Recibí 1 texto/);
  });
});

describe('senders who are not agents', () => {
  test('are stored, not processed, and get exactly one polite reply', async () => {
    const agency = await seedAgency(db, api.deps.secrets, { accessToken: graph.token });
    const stranger = '15557654321';
    await send(agency, 'inbound_text__pywa', {
      text: 'Is the flat still available?',
      from: stranger,
    });
    await send(agency, 'inbound_text__pywa', { text: 'Hello?', from: stranger });
    const rows = await eventually(async () => {
      const r = await db
        .owner('inbound_messages')
        .where({ agency_id: agency.agencyId, from_phone: stranger });
      return r.length === 2 && r.every((m) => m.state === 'ignored') ? r : undefined;
    }, 'both messages marked ignored');
    assert.ok(rows.every((m) => m.state_reason === 'unknown_sender'));
    await eventually(async () => graph.sent.some((m) => m.to === stranger), 'the polite reply');
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(graph.sent.filter((m) => m.to === stranger).length, 1);
    assert.equal((await listingsOf(agency)).length, 0);
  });
});
