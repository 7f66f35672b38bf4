import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomBytes } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedAgency } from '../support/agency';
import { startGraphApiDouble, type GraphApiDouble } from '../support/graphApiDouble';
import { startOpenAIDouble, type OpenAIDouble } from '../support/openaiDouble';
import { startTestWorker, testActivityDeps, type RunningWorker } from '../support/worker';
import { listingPhotos } from '../support/photos';
import { createSecretBox } from '../../lib/crypto/secretBox';
import { createOpenAIProvider } from '../../lib/ai/openai';
import { listingStatusQuery } from '../../workflows/listing/messages';
import { eventually, seedSubmission, startListing, temporalClient } from './submission';

/**
 * The drafting phase with the OpenAI provider, against the OpenAI-compatible double: the
 * requests carry strict JSON schemas and image parts, the drafts record the model, the prompt
 * version and the tokens, and the server's failures become Temporal retries (500, 429 after
 * its Retry-After) or a failed listing with the reason (a refusal).
 */

let db: TestDatabase;
let graph: GraphApiDouble;
let openai: OpenAIDouble;
let worker: RunningWorker;
let temporal: { client: Client; close(): Promise<void> };
const taskQueue = `drafting-openai-${randomBytes(4).toString('hex')}`;
const secrets = createSecretBox(randomBytes(32).toString('base64'));
let photos: Awaited<ReturnType<typeof listingPhotos>>;

before(async () => {
  db = await createTestDatabase();
  graph = await startGraphApiDouble();
  openai = await startOpenAIDouble();
  photos = await listingPhotos();
  temporal = await temporalClient();
  const deps = testActivityDeps(db.app, secrets, graph.baseUrl);
  deps.ai.provider = createOpenAIProvider({
    apiKey: openai.apiKey,
    baseURL: openai.baseUrl,
    model: 'gpt-4o-mini',
    visionModel: 'gpt-4o',
  });
  worker = await startTestWorker(deps, { taskQueue });
});
after(async () => {
  await worker.stop();
  await temporal.close();
  await openai.close();
  await graph.close();
  await db.drop();
});

const TEXT = 'Villa for sale in Riyadh, 5 bedrooms, 4 bathrooms, 450 sqm, SAR 2,500,000, pool';

async function submit(photoList: Buffer[] = [photos.bright, photos.portrait]) {
  const agency = await seedAgency(db, secrets, { accessToken: graph.token });
  const submission = await seedSubmission(db, agency, graph, { texts: [TEXT], photos: photoList });
  const handle = await startListing(temporal.client, taskQueue, agency, submission);
  return { agency, submission, handle };
}

const row = (id: string) => db.owner('listings').where({ id }).first();
const inReview = (id: string) =>
  eventually(
    async () => ((await row(id))?.status === 'awaiting_review' ? row(id) : undefined),
    'review',
  );

async function lastFailureOf(handle: WorkflowHandle, activity: string) {
  const history = await handle.fetchHistory();
  const scheduled = new Map<string, string>();
  for (const e of history.events ?? []) {
    const s = e.activityTaskScheduledEventAttributes;
    if (s?.activityType?.name) scheduled.set(String(e.eventId), s.activityType.name);
    const t = e.activityTaskStartedEventAttributes;
    if (t && scheduled.get(String(t.scheduledEventId)) === activity && t.lastFailure) {
      return { attempt: t.attempt, failure: t.lastFailure };
    }
  }
  return undefined;
}

describe('drafting with the OpenAI provider', () => {
  test('structured outputs and vision: fields, captions, drafts with model, prompt and tokens', async () => {
    const before = openai.requests.length;
    const { submission } = await submit();
    const listing = await inReview(submission.listingId);
    assert.deepEqual(openai.violations, []);
    const requests = openai.requests.slice(before);

    const extraction = requests.filter((r) => r.schema === 'listing_extraction');
    assert.equal(extraction.length, 1);
    assert.equal(extraction[0]!.model, 'gpt-4o-mini');
    assert.equal(extraction[0]!.body.response_format.json_schema.strict, true);
    assert.ok(extraction[0]!.userText.includes(TEXT));
    const vision = requests.filter((r) => r.schema === 'photo_description');
    assert.equal(vision.length, 2);
    for (const v of vision) {
      assert.equal(v.model, 'gpt-4o');
      assert.equal(v.images.length, 1);
      assert.match(v.images[0]!.url, /^data:image\/jpeg;base64,/);
      assert.equal(v.images[0]!.detail, 'low');
      assert.ok((v.images[0]!.bytes ?? 0) < 400_000, 'a downscaled copy, not the original');
    }
    assert.equal(requests.filter((r) => r.schema === 'listing_copy').length, 1);

    assert.equal(Number(listing.list_price), 2500000);
    assert.equal(listing.currency, 'SAR');
    assert.equal(listing.bedrooms_total, 5);
    assert.equal(listing.evidence.BedroomsTotal.text, '5 bedrooms');
    assert.equal(listing.extras.extraction.provider, 'openai');
    assert.equal(listing.extras.extraction.model, 'gpt-4o-mini-2024-07-18');

    const assets = await db
      .owner('listing_assets')
      .where({ listing_id: submission.listingId })
      .orderBy('order');
    assert.deepEqual(
      assets.map((a) => [a.order, a.image_of, a.long_description]),
      [
        [0, 'living_room', 'Bright living room with large windows'],
        [1, 'living_room', 'Bright living room with large windows'],
      ],
    );
    assert.equal(assets[0].quality.description.model, 'gpt-4o-mini-2024-07-18');
    assert.ok(assets[0].quality.description.usage.totalTokens > 0);

    const drafts = await db
      .owner('drafts')
      .where({ listing_id: submission.listingId, status: 'generated' });
    assert.equal(drafts.length, 7);
    for (const d of drafts) {
      assert.equal(d.provider, 'openai');
      assert.equal(d.model, 'gpt-4o-mini-2024-07-18');
      assert.equal(d.prompt_version, 'openai-2026-11.1');
      assert.ok(d.usage.promptTokens > 0 && d.usage.completionTokens > 0);
      assert.equal(d.usage.totalTokens, d.usage.promptTokens + d.usage.completionTokens);
      assert.equal(d.usage.sharedBy, 7);
      assert.equal(d.check_status, 'pass', JSON.stringify(d.checks));
    }
  });

  test('a 500 is retried and the listing still reaches review', async () => {
    openai.failNext('listing_extraction', { status: 500 });
    const before = openai.requests.length;
    const { submission, handle } = await submit([photos.bright]);
    await inReview(submission.listingId);
    const extraction = openai.requests
      .slice(before)
      .filter((r) => r.schema === 'listing_extraction');
    assert.equal(extraction.length, 2);
    const retried = await lastFailureOf(handle, 'extractListingFields');
    assert.equal(retried?.attempt, 2);
    assert.equal(retried?.failure.applicationFailureInfo?.type, 'AIUnavailable');
    assert.match(retried?.failure.message ?? '', /500/);
  });

  test("a 429 waits the server's Retry-After before the next attempt", async () => {
    openai.failNext('listing_copy', { status: 429, retryAfter: '3' });
    const before = openai.requests.length;
    const { submission, handle } = await submit([photos.bright]);
    await inReview(submission.listingId);
    const copy = openai.requests.slice(before).filter((r) => r.schema === 'listing_copy');
    assert.equal(copy.length, 2);
    const waited = copy[1]!.at - copy[0]!.at;
    assert.ok(waited >= 2900, `waited ${waited} ms`);
    const retried = await lastFailureOf(handle, 'generateDrafts');
    assert.equal(retried?.failure.applicationFailureInfo?.type, 'AIRateLimited');
  });

  test('a refusal fails the listing at once with the reason', async () => {
    openai.failNext('listing_extraction', 'refusal');
    const before = openai.requests.length;
    const { submission, handle } = await submit([photos.bright]);
    await assert.rejects(handle.result());
    const listing = await row(submission.listingId);
    assert.equal(listing.status, 'failed');
    assert.equal(
      listing.last_error,
      "The model refused: I'm sorry, but I can't assist with that request. (AIRefused)",
    );
    const view = await handle.query(listingStatusQuery);
    assert.equal(view.step, 'extract');
    const extraction = openai.requests
      .slice(before)
      .filter((r) => r.schema === 'listing_extraction');
    assert.equal(extraction.length, 1, 'a refusal is not retried');
  });

  test('a refused photo keeps the listing going, with a numbered caption', async () => {
    openai.failNext('photo_description', 'refusal');
    const { submission } = await submit([photos.bright]);
    await inReview(submission.listingId);
    const [asset] = await db.owner('listing_assets').where({ listing_id: submission.listingId });
    assert.equal(asset.long_description, 'Photo 1');
    assert.equal(asset.image_of, null);
    assert.match(asset.quality.description.error, /The model refused/);
  });
});
