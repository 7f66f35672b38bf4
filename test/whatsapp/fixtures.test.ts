/**
 * Every payload in ../shared/fixtures/whatsapp, each through the real webhook: what we answer,
 * what we store, and what the intake and listing workflows make of it. A fixture added to that
 * folder fails the first test until it has a case here.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { randomBytes, createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { TestDatabase } from '../support/database';
import { startTestApi, type TestApi } from '../support/api';
import { seedAgency, type SeededAgency } from '../support/agency';
import { fixture, messageFrom, statusFrom } from '../support/whatsappFixtures';
import type { GraphApiDouble } from '../support/graphApiDouble';
import { startListingStack, type ListingStack } from '../support/stack';
import { PDF } from '../support/images';
import { intakeWorkflowId, listingWorkflowId } from '../../workflows/shared/ids';
import { openGroupQuery } from '../../workflows/intake/messages';
import { listingStatusQuery } from '../../workflows/listing/messages';
import { deliver, postSigned, realPhoto } from './flow';
import { eventually } from '../support/eventually';

const DIR = path.resolve(__dirname, '../../../shared/fixtures/whatsapp');
let stack: ListingStack;
let db: TestDatabase;
let api: TestApi;
let graph: GraphApiDouble;
let base: SeededAgency;
let JPEG: Buffer;

before(async () => {
  stack = await startListingStack({ quietWindowSeconds: 3 });
  ({ db, api, graph } = stack);
  base = await seedAgency(db, api.deps.secrets, { accessToken: graph.token });
  JPEG = await realPhoto(1);
});
after(async () => stack.close());

const agency = () => seedAgency(db, api.deps.secrets, { accessToken: graph.token });
const inbound = (a: SeededAgency) =>
  db.owner('inbound_messages').where({ agency_id: a.agencyId }).orderBy('received_at');
const workflows = () => api.deps.temporal.client.workflow;

/** Waits for the one listing the agent's burst became, and the reply that says what arrived. */
async function submitted(a: SeededAgency) {
  const reply = await eventually(
    async () => graph.sent.find((m) => m.to === a.agentPhone && m.text.startsWith('Got ')),
    'the reply to the agent',
  );
  const listings = await db.owner('listings').where({ agency_id: a.agencyId });
  assert.equal(listings.length, 1);
  const listing = listings[0];
  const assets = await db.owner('listing_assets').where({ listing_id: listing.id });
  return { reply, listing, assets };
}

/** A fixture's message re-addressed to a fresh agency's number and agent, its media served. */
async function sendMessageFixture(
  name: string,
  opts: { media?: { bytes: Buffer; mimeType: string } } = {},
) {
  const a = await agency();
  const mediaId = `m-${randomBytes(6).toString('hex')}`;
  if (opts.media) graph.addMedia(mediaId, opts.media.bytes, opts.media.mimeType);
  const { payload, id } = messageFrom(name, {
    phoneNumberId: a.phoneNumberId,
    from: a.agentPhone,
    mediaId,
    ...(opts.media ? { media: opts.media.bytes } : {}),
  });
  await deliver(api, stack.appSecret, payload);
  return { a, id, mediaId, payload };
}

/** An outbound reply of ours that a status fixture reports on. */
async function statusCase(name: string, expected: string) {
  const messageId = `wamid.${randomBytes(10).toString('hex')}`;
  const [row] = await db
    .owner('outbound_messages')
    .insert({
      agency_id: base.agencyId,
      to_phone: base.agentPhone,
      kind: 'received',
      idempotency_key: messageId,
      provider_message_id: messageId,
      status: 'accepted',
    })
    .returning('id');
  const payload = statusFrom(name, { phoneNumberId: base.phoneNumberId, messageId });
  const res = await deliver(api, stack.appSecret, payload);
  assert.equal(res.body.unrouted, 0);
  const after = await db.owner('outbound_messages').where({ id: row.id }).first();
  assert.equal(after.status, expected);
  const sentAt = Number(payload.entry[0].changes[0].value.statuses[0].timestamp);
  assert.equal(new Date(after.status_at).getTime(), sentAt * 1000);
  return after;
}

async function verificationCase(name: string) {
  const sample = JSON.parse(readFileSync(path.join(DIR, `${name}.json`), 'utf8'));
  const token = sample.query['hub.verify_token'];
  const expected = sample.expected_response?.body ?? sample.expected_response_body;
  const own = await startTestApi(db, {
    WHATSAPP_VERIFY_TOKEN: token,
    TEMPORAL_ADDRESS: '127.0.0.1:1',
  });
  try {
    const query = new URLSearchParams(sample.query);
    const ok = await own.request('GET', `/webhooks/whatsapp?${query.toString()}`);
    assert.equal(ok.status, 200);
    assert.match(ok.headers.get('content-type') ?? '', /^text\/plain/);
    assert.equal(String(ok.body), expected);
    query.set('hub.verify_token', `${token}-not`);
    const wrong = await own.request('GET', `/webhooks/whatsapp?${query.toString()}`);
    assert.equal(wrong.status, sample.on_token_mismatch?.status ?? 403);
  } finally {
    await own.close();
  }
}

const CASES: Record<string, () => Promise<void>> = {
  get_verification__meta_docs: () => verificationCase('get_verification__meta_docs'),
  get_verification__whatsapp_api_js_test: () =>
    verificationCase('get_verification__whatsapp_api_js_test'),

  async inbound_text__pywa() {
    const { a } = await sendMessageFixture('inbound_text__pywa');
    const [row] = await inbound(a);
    assert.equal(row.kind, 'text');
    assert.equal(row.payload.text.body, 'Body Text');
    const { reply, assets } = await submitted(a);
    assert.equal(reply.text, 'Got 1 text and 0 photos. Drafting the listing now.');
    assert.equal(assets.length, 0);
  },

  async inbound_text__meta_dashboard_sample() {
    // As Meta's dashboard sends it: a number nobody here owns. 200, kept aside, not processed.
    const before = (await db.owner('unrouted_webhooks').where({ routing_key: '123456123' })).length;
    const raw = readFileSync(path.join(DIR, 'inbound_text__meta_dashboard_sample.json'), 'utf8');
    const res = await deliver(api, stack.appSecret, raw);
    assert.equal(res.body.unrouted, 1);
    const unrouted = await db.owner('unrouted_webhooks').where({ routing_key: '123456123' });
    assert.equal(unrouted.length, before + 1);
    assert.equal(
      (await db.owner('inbound_messages').where({ provider_message_id: 'ABGGFlA5Fpa' })).length,
      0,
    );
    // Addressed to a number we serve: the Graph API v25 fields are kept in the raw payload.
    const { a } = await sendMessageFixture('inbound_text__meta_dashboard_sample');
    const [row] = await inbound(a);
    assert.equal(row.payload.from_user_id, 'US.13491208655302741918');
    const { reply } = await submitted(a);
    assert.equal(reply.text, 'Got 1 text and 0 photos. Drafting the listing now.');
  },

  async inbound_image_no_caption__pywa() {
    const { a } = await sendMessageFixture('inbound_image_no_caption__pywa', {
      media: { bytes: JPEG, mimeType: 'image/jpeg' },
    });
    const { reply, assets } = await submitted(a);
    assert.equal(reply.text, 'Got 0 texts and 1 photo. Drafting the listing now.');
    assert.equal(assets.length, 1);
    assert.equal(assets[0].status, 'stored');
    assert.equal(assets[0].sha256, createHash('sha256').update(JPEG).digest('hex'));
    assert.deepEqual((await api.deps.storage.get(assets[0].storage_key)).body, JPEG);
  },

  async inbound_image_with_url__pywa() {
    // Newer webhooks carry a lookaside URL; it needs the token and expires, so the download
    // asks Meta for a fresh one by media id, as for any other image.
    const { a, mediaId, payload } = await sendMessageFixture('inbound_image_with_url__pywa', {
      media: { bytes: JPEG, mimeType: 'image/jpeg' },
    });
    assert.match(payload.entry[0].changes[0].value.messages[0].image.url, /^https:\/\/lookaside/);
    const { assets } = await submitted(a);
    assert.equal(assets.length, 1);
    assert.equal(assets[0].status, 'stored');
    assert.ok(graph.mediaRequests.includes(mediaId));
  },

  async inbound_document_with_caption__pywa() {
    const { a } = await sendMessageFixture('inbound_document_with_caption__pywa', {
      media: { bytes: PDF, mimeType: 'application/pdf' },
    });
    const { reply, assets } = await submitted(a);
    assert.equal(
      reply.text,
      'Got 0 texts and 0 photos (1 file skipped). Drafting the listing now.',
    );
    assert.equal(assets.length, 1);
    assert.equal(assets[0].status, 'skipped');
    assert.equal(assets[0].skip_reason, 'not a photo (application/pdf)');
  },

  async inbound_video_with_caption_forwarded__pywa() {
    // A forwarded video: kept and listed as skipped, never downloaded.
    const { a, mediaId } = await sendMessageFixture('inbound_video_with_caption_forwarded__pywa', {
      media: { bytes: Buffer.from('not really a video'), mimeType: 'video/mp4' },
    });
    const [row] = await inbound(a);
    assert.equal(row.kind, 'video');
    assert.equal(row.payload.context.forwarded, true);
    const { reply, assets } = await submitted(a);
    assert.match(reply.text, /\(1 file skipped\)/);
    assert.equal(assets[0].status, 'skipped');
    assert.equal(assets[0].skip_reason, 'not a photo (video/mp4)');
    assert.ok(!graph.mediaRequests.includes(mediaId));
  },

  async inbound_image_with_caption__chatwoot_spec() {
    // Chatwoot's trimmed envelope (no field, no metadata, no message id) is not a webhook Meta
    // sends: it cannot be routed to an agency nor deduplicated, so it is refused with 422 and
    // nothing is kept. (Meta itself never sends this; a relay that does gets a clear answer.)
    const raw = readFileSync(path.join(DIR, 'inbound_image_with_caption__chatwoot_spec.json'));
    const unroutedBefore = (await db.owner('unrouted_webhooks')).length;
    const refused = await postSigned(api, stack.appSecret, raw.toString('utf8'));
    assert.equal(refused.status, 422);
    assert.equal(refused.body.error.code, 'unsupported_payload');
    assert.equal((await db.owner('unrouted_webhooks')).length, unroutedBefore);
    assert.equal(
      (await db.owner('inbound_messages').where({ from_phone: '2423423243' })).length,
      0,
    );

    // The same message in Meta's full envelope (what SOURCES.md says to add) is a photo with
    // a caption like any other.
    const a = await agency();
    const payload = JSON.parse(raw.toString('utf8'));
    delete payload.phone_number;
    const entry = payload.entry[0];
    entry.id = '102290129340398';
    entry.changes[0].field = 'messages';
    const value = entry.changes[0].value;
    value.messaging_product = 'whatsapp';
    value.metadata = { display_phone_number: '15550001111', phone_number_id: a.phoneNumberId };
    value.contacts[0].wa_id = a.agentPhone;
    const message = value.messages[0];
    message.id = `wamid.${randomBytes(10).toString('hex')}`;
    message.from = a.agentPhone;
    graph.addMedia(message.image.id, JPEG, 'image/jpeg');
    message.image.sha256 = createHash('sha256').update(JPEG).digest('base64');
    await deliver(api, stack.appSecret, payload);
    const [row] = await inbound(a);
    assert.equal(row.payload.image.caption, 'Check out my product!');
    const { assets } = await submitted(a);
    assert.equal(assets[0].status, 'stored');
  },

  async edited_image_caption__pywa() {
    // An edit carries the new caption and the id of the message it changes. While the burst
    // is open it joins the group with its new words; once the listing is in review it is a
    // correction of that listing (like a reply to one of its messages).
    const a = await agency();
    graph.addMedia('m-kitchen', JPEG, 'image/jpeg');
    const photo = messageFrom('inbound_image_no_caption__pywa', {
      phoneNumberId: a.phoneNumberId,
      from: a.agentPhone,
      mediaId: 'm-kitchen',
      media: JPEG,
      caption: 'Kitchen',
    });
    await deliver(api, stack.appSecret, photo.payload);
    const edit = (caption: string) => {
      const payload = fixture('edited_image_caption__pywa').image;
      const value = payload.entry[0].changes[0].value;
      value.metadata.phone_number_id = a.phoneNumberId;
      value.contacts[0].wa_id = a.agentPhone;
      const message = value.messages[0];
      message.id = `wamid.${randomBytes(10).toString('hex')}`;
      message.from = a.agentPhone;
      message.timestamp = String(Math.floor(Date.now() / 1000));
      message.edit.original_message_id = photo.id;
      message.edit.message.image.caption = caption;
      return payload;
    };
    await deliver(api, stack.appSecret, edit('Updated image caption'));
    const group = await eventually(async () => {
      const view = await workflows()
        .getHandle(intakeWorkflowId(a.agencyId, a.agentPhone))
        .query(openGroupQuery);
      return view.messages.length === 2 ? view : undefined;
    }, 'the edit to join the open group');
    assert.equal(group.messages[1]!.kind, 'edit');
    assert.equal(group.messages[1]!.text, 'Updated image caption');
    assert.equal(group.messages[1]!.replyTo, photo.id);

    const { reply, listing, assets } = await submitted(a);
    // The edit is words about the photo, not a second photo: nothing is downloaded again.
    assert.equal(reply.text, 'Got 1 text and 1 photo. Drafting the listing now.');
    assert.equal(assets.length, 1);
    assert.ok(!graph.mediaRequests.includes('1234567890'));

    await eventually(
      async () =>
        (await db.owner('listings').where({ id: listing.id }).first()).status === 'awaiting_review',
      'the listing to await review',
    );
    await deliver(api, stack.appSecret, edit('Kitchen, renovated in 2023'));
    const view = await eventually(async () => {
      const v = await workflows()
        .getHandle(listingWorkflowId(a.agencyId, listing.id))
        .query(listingStatusQuery);
      return v.corrections === 1 ? v : undefined;
    }, 'the later edit to reach the listing as a correction');
    assert.equal(view.corrections, 1);
    const after = await workflows()
      .getHandle(intakeWorkflowId(a.agencyId, a.agentPhone))
      .query(openGroupQuery);
    assert.equal(after.messages.length, 0, 'no new burst was opened by the correction');
    assert.equal((await db.owner('listings').where({ agency_id: a.agencyId })).length, 1);
  },

  status_sent__pywa: async () => void (await statusCase('status_sent__pywa', 'sent')),
  status_delivered__pywa: async () =>
    void (await statusCase('status_delivered__pywa', 'delivered')),
  status_read__pywa: async () => void (await statusCase('status_read__pywa', 'read')),
  async status_failed__pywa() {
    const row = await statusCase('status_failed__pywa', 'failed');
    assert.equal(row.error, "User's number is part of an experiment");
  },
  status_sent__meta_dashboard_sample: async () =>
    void (await statusCase('status_sent__meta_dashboard_sample', 'sent')),
  status_delivered__meta_dashboard_sample: async () =>
    void (await statusCase('status_delivered__meta_dashboard_sample', 'delivered')),
  status_read__meta_dashboard_sample: async () =>
    void (await statusCase('status_read__meta_dashboard_sample', 'read')),
};

test('every fixture in ../shared/fixtures/whatsapp has a case here', () => {
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
    .sort();
  assert.deepEqual(Object.keys(CASES).sort(), files);
});

for (const [name, run] of Object.entries(CASES)) test(name, run);
