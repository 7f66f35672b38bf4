import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
import { createGraphClient } from '../../lib/whatsapp/graphClient';
import { measurePhoto } from '../../lib/ai/photos/measure';
import { createGate } from '../../lib/ai/photos/limits';
import { pngBomb } from '../support/pngBomb';
import { realPhoto } from './flow';

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

describe('decompression bombs and bounded downloads', () => {
  let bomb: Buffer;
  before(async () => {
    bomb = await pngBomb(16000, 16000);
  });

  test('a 16000x16000 PNG is refused from its header with the reason on the asset; a clean photo of the same burst is stored', async () => {
    assert.ok(bomb.length < 2 * 1024 * 1024, `the bomb is small on disk (${bomb.length} bytes)`);
    const clean = await realPhoto(31);
    graph.addMedia('m-bomb', bomb, 'image/png');
    graph.addMedia('m-clean', clean, 'image/jpeg');
    const bombed = await photoMessage('m-bomb', bomb);
    const fine = await photoMessage('m-clean', clean);
    const before = process.memoryUsage().rss;
    const [refused, stored] = await Promise.all([run(bombed), run(fine)]);
    assert.deepEqual(
      { outcome: refused.outcome, reason: refused.outcome === 'skipped' && refused.reason },
      { outcome: 'skipped', reason: 'too_many_pixels' },
    );
    assert.equal(stored.outcome, 'stored');
    const asset = await db
      .owner('listing_assets')
      .where({ inbound_message_id: bombed.inboundMessageId })
      .first();
    assert.equal(asset.status, 'skipped');
    assert.equal(
      asset.skip_reason,
      'too many pixels: 16000x16000 is 256.0 megapixels (limit 50.0 megapixels)',
    );
    assert.deepEqual([asset.width, asset.height], [16000, 16000]);
    assert.equal(asset.storage_key, null, 'nothing of it is stored');
    // Decoding it would take about 768 MB; the header check costs next to nothing.
    assert.ok(process.memoryUsage().rss - before < 200 * 1024 * 1024);
  });

  test('the photo analysis refuses the same bomb before decoding, and decodes few photos at once', async () => {
    const started = Date.now();
    await assert.rejects(measurePhoto(bomb), /too many pixels: 16000x16000/);
    assert.ok(Date.now() - started < 2000, 'refused from the header, not after decoding');

    const gate = createGate(2);
    let peak = 0;
    await Promise.all(
      Array.from({ length: 10 }, () =>
        gate.run(async () => {
          peak = Math.max(peak, gate.running);
          await new Promise((r) => setTimeout(r, 5));
        }),
      ),
    );
    assert.equal(peak, 2);
  });

  test('a stalled download and an endless JSON answer are cut off by their limits', async () => {
    const server = http.createServer((req, res) => {
      if (req.url === '/stall') {
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        res.write(TINY_JPEG); // ...and never ends
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"url":"');
      const more = () => res.write('x'.repeat(64 * 1024), () => setImmediate(more));
      more();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = createGraphClient(base, 'token', {
      callTimeoutMs: 5000,
      downloadTimeoutMs: 300,
      maxJsonBytes: 256 * 1024,
    });
    const dir = mkdtempSync(path.join(os.tmpdir(), 'stall-'));
    try {
      const started = Date.now();
      await assert.rejects(
        client.downloadTo(`${base}/stall`, path.join(dir, 'f'), 1024 * 1024),
        (err: Error) => err.name === 'TimeoutError' || /aborted|timeout/i.test(err.message),
      );
      assert.ok(Date.now() - started < 3000);
      await assert.rejects(client.mediaInfo('endless'), /over 262144 bytes/);
    } finally {
      server.closeAllConnections();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
