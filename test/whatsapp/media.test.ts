import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedAgency, type SeededAgency } from '../support/agency';
import { messageFrom } from '../support/whatsappFixtures';
import { startGraphApiDouble, type GraphApiDouble } from '../support/graphApiDouble';
import { testActivityDeps } from '../support/worker';
import { TINY_JPEG } from '../support/images';
import { createSecretBox } from '../../lib/crypto/secretBox';
import { createStoreMedia } from '../../activities/media/storeMedia';
import type { ActivityDeps } from '../../activities';
import type { StoreMediaOutcome } from '../../activities/media/storeMedia';

let db: TestDatabase;
let graph: GraphApiDouble;
let deps: ActivityDeps;
let agency: SeededAgency;
const secrets = createSecretBox(Buffer.alloc(32, 7).toString('base64'));

before(async () => {
  db = await createTestDatabase();
  graph = await startGraphApiDouble();
  deps = testActivityDeps(db.app, secrets, graph.baseUrl);
  agency = await seedAgency(db, secrets, { accessToken: graph.token });
});
after(async () => {
  await graph.close();
  await db.drop();
});

/** One stored inbound photo message and the listing it belongs to. */
async function photoMessage(mediaId: string, bytes: Buffer) {
  const listingId = randomUUID();
  await db.owner('listings').insert({ id: listingId, agency_id: agency.agencyId });
  const { payload } = messageFrom('inbound_image_no_caption__pywa', {
    phoneNumberId: agency.phoneNumberId,
    from: agency.agentPhone,
    mediaId,
    media: bytes,
  });
  const message = payload.entry[0].changes[0].value.messages[0];
  const [row] = await db
    .owner('inbound_messages')
    .insert({
      agency_id: agency.agencyId,
      channel_id: agency.channelId,
      provider_message_id: message.id,
      from_phone: agency.agentPhone,
      kind: 'image',
      payload: JSON.stringify(message),
    })
    .returning('id');
  return { agencyId: agency.agencyId, listingId, inboundMessageId: row.id as string };
}

const run = (input: Awaited<ReturnType<typeof photoMessage>>): Promise<StoreMediaOutcome> =>
  new MockActivityEnvironment().run(createStoreMedia(deps), input);

test('a 429 with Retry-After becomes a retryable failure that asks for that delay', async () => {
  graph.addMedia('m-429', TINY_JPEG, 'image/jpeg');
  const input = await photoMessage('m-429', TINY_JPEG);
  graph.failNext('/m-429', 429, 1, { 'retry-after': '7' });
  const err = await run(input).catch((e: unknown) => e);
  assert.ok(err instanceof ApplicationFailure);
  assert.equal(err.nonRetryable, false);
  assert.equal(err.nextRetryDelay, '7s');
  // The retry fetches a fresh media URL and succeeds; a second success is the same asset.
  const first = await run(input);
  const again = await run(input);
  assert.equal(first.outcome, 'stored');
  assert.deepEqual(again, first);
  assert.equal(
    graph.mediaRequests.filter((id) => id === 'm-429').length,
    1,
    'the stored asset is not downloaded again',
  );
});

test('a 500, or an expired media URL, is retried; a revoked token fails for good with a reason', async () => {
  graph.addMedia('m-500', TINY_JPEG, 'image/jpeg');
  const input = await photoMessage('m-500', TINY_JPEG);
  graph.failNext('/m-500', 500);
  const server = await run(input).catch((e: unknown) => e);
  assert.ok(server instanceof ApplicationFailure && !server.nonRetryable);
  graph.failNext('/files/m-500', 404);
  const expired = await run(input).catch((e: unknown) => e);
  assert.ok(expired instanceof ApplicationFailure);
  assert.equal((await run(input)).outcome, 'stored');

  graph.addMedia('m-401', TINY_JPEG, 'image/jpeg');
  const denied = await photoMessage('m-401', TINY_JPEG);
  graph.failNext('/m-401', 401);
  const auth = await run(denied).catch((e: unknown) => e);
  assert.ok(auth instanceof ApplicationFailure);
  assert.equal(auth.nonRetryable, true);
  assert.equal(auth.type, 'WhatsAppAuth');
});

test('bytes that do not match the sha256 Meta sent are refused and retried', async () => {
  graph.addMedia('m-bad', Buffer.concat([TINY_JPEG, Buffer.from('corrupt')]), 'image/jpeg');
  const input = await photoMessage('m-bad', TINY_JPEG);
  const err = await run(input).catch((e: unknown) => e);
  assert.ok(err instanceof ApplicationFailure);
  assert.equal(err.type, 'ChecksumMismatch');
  assert.equal(err.nonRetryable, false);
  assert.equal(
    (await db.owner('listing_assets').where({ inbound_message_id: input.inboundMessageId })).length,
    0,
  );
});

test('a photo over the 5 MB image limit is recorded as skipped with its reason', async () => {
  const big = Buffer.concat([TINY_JPEG, Buffer.alloc(5 * 1024 * 1024)]);
  graph.addMedia('m-big', big, 'image/jpeg');
  const input = await photoMessage('m-big', big);
  const result = await run(input);
  assert.equal(result.outcome, 'skipped');
  const asset = await db
    .owner('listing_assets')
    .where({ inbound_message_id: input.inboundMessageId })
    .first();
  assert.match(asset.skip_reason, /too large/);
});
