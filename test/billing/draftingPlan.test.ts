import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedAgency, type SeededAgency } from '../support/agency';
import { startTestApi, type TestApi } from '../support/api';
import { sceneJpeg } from '../support/photos';
import { inboundMessage } from '../drafting/submission';
import { createActivities } from '../../activities';
import { testActivityDeps } from '../support/worker';
import { withTenant } from '../../lib/db';
import { billingSummary } from '../../lib/billing/summary';

/**
 * The plan table at the steps that consume it: photo AI, social platforms and languages per
 * listing are enforced by the drafting activities themselves (skipped and noted on the
 * listing, never failing it), and every provider call is metered as an AI generation.
 */

let db: TestDatabase;
let api: TestApi;
let acts: ReturnType<typeof createActivities>;
let deps: ReturnType<typeof testActivityDeps>;

before(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db);
  deps = testActivityDeps(db.app, api.deps.secrets, 'http://127.0.0.1:1');
  acts = createActivities(deps);
});
after(async () => {
  await api.close();
  await db.drop();
});

/** One activity run in Temporal's mock context, as attempt `activityId` of one workflow run. */
function runner(runId: string) {
  let n = 0;
  return <I, O>(activity: (input: I) => Promise<O>, input: I, activityId = String(++n)) =>
    new MockActivityEnvironment({
      activityId,
      workflowExecution: { workflowId: `listing-${runId}`, runId },
    }).run<[I], O, (input: I) => Promise<O>>(activity, input);
}

async function draftListing(agency: SeededAgency) {
  const listingId = randomUUID();
  await db.owner('listings').insert({
    id: listingId,
    agency_id: agency.agencyId,
    agent_user_id: agency.agentId,
    status: 'drafting',
  });
  await inboundMessage(db, agency, {
    text: 'Bright 2 bedroom apartment for sale in Lisbon, 85 m2, 2 bathrooms, EUR 420,000',
    listingId,
  });
  const key = `${agency.agencyId}/listings/${listingId}/${randomUUID()}.jpg`;
  await deps.storage.put(key, await sceneJpeg({ seed: 7 }), { contentType: 'image/jpeg' });
  const [asset] = await db
    .owner('listing_assets')
    .insert({
      agency_id: agency.agencyId,
      listing_id: listingId,
      storage_key: key,
      status: 'stored',
    })
    .returning('id');

  const run = runner(randomUUID());
  const { agencyId } = agency;
  const { language } = await run(acts.normalizeSubmission, {
    agencyId,
    listingId,
    correctionIds: [],
  });
  await run(acts.extractListingFields, { agencyId, listingId });
  await run(acts.analysePhoto, { agencyId, assetId: asset.id as string, language });
  await run(acts.arrangeGallery, { agencyId, listingId, language, photoIds: [asset.id] });
  await run(acts.generateDrafts, { agencyId, listingId, revision: 1 }, 'generate');
  // Temporal retries the same activity (same run, same activity id): it meters once.
  await run(acts.generateDrafts, { agencyId, listingId, revision: 1 }, 'generate');
  return { listingId, assetId: asset.id as string };
}

const aiGenerations = async (agencyId: string) =>
  (await withTenant(db.app, agencyId, (tx) => billingSummary(tx, agencyId))).usage.ai_generations;

const agentToken = (agency: SeededAgency) =>
  api.deps.accessTokens.issue({ userId: agency.agentId, agencyId: agency.agencyId, role: 'agent' });

describe('drafting within the plan', () => {
  test('Starter: no photo analysis, one social post, one language, each noted on the listing; generations metered', async () => {
    const agency = await seedAgency(db, api.deps.secrets, {
      accessToken: 't',
      plan: 'starter',
      settings: { drafting: { secondLanguage: 'es', socialPlatforms: ['facebook', 'instagram'] } },
    });
    const { listingId, assetId } = await draftListing(agency);

    const photo = await db.owner('listing_assets').where({ id: assetId }).first();
    assert.equal(photo.quality.description.skipped, 'not_in_plan');
    assert.equal(photo.image_of, null, 'no room tag without photo AI');
    assert.equal(photo.long_description, 'Photo 1', 'numbered, not described');
    assert.ok(photo.phash, 'still measured: duplicates and cover need it');

    const drafts = await db.owner('drafts').where({ listing_id: listingId });
    const social = drafts.filter((d) => d.kind === 'social');
    assert.deepEqual(
      social.map((d) => d.platform),
      ['facebook'],
      "the agency's first platform",
    );
    assert.deepEqual([...new Set(drafts.map((d) => d.language))], ['en'], 'no second language');

    // extract (1 call) + generate (1 language): the photo was never sent to the provider.
    assert.equal(await aiGenerations(agency.agencyId), 2);

    const res = await api.request('GET', `/v1/listings/${listingId}`, {
      token: await agentToken(agency),
    });
    assert.equal(res.status, 200);
    const skips = res.body.timeline.filter(
      (t: { action: string }) => t.action === 'listing.plan_skipped',
    );
    assert.deepEqual(
      skips.map((t: { data: { limit: string } }) => t.data.limit).sort(),
      ['languages_per_listing', 'photo_ai', 'social_platforms'],
      'each skip once in the timeline, though generate ran twice',
    );
    const social_ = skips.find(
      (t: { data: { limit: string } }) => t.data.limit === 'social_platforms',
    );
    assert.match(social_.data.reason, /instagram skipped.*1 social platform.*Starter.*Pro/);
    const row = await db.owner('listings').where({ id: listingId }).first();
    assert.deepEqual(row.extras.planSkips.languages_per_listing.skipped, ['es']);
    assert.equal(row.extras.planSkips.photo_ai.upgrade_to, 'pro');
  });

  test('Pro: photo analysed, four social posts, the second language; every call metered', async () => {
    const agency = await seedAgency(db, api.deps.secrets, {
      accessToken: 't',
      plan: 'pro',
      settings: { drafting: { secondLanguage: 'es' } },
    });
    const { listingId, assetId } = await draftListing(agency);
    const photo = await db.owner('listing_assets').where({ id: assetId }).first();
    assert.equal(photo.quality.description.skipped, undefined);
    const drafts = await db.owner('drafts').where({ listing_id: listingId });
    assert.deepEqual(
      drafts
        .filter((d) => d.kind === 'social')
        .map((d) => d.platform)
        .sort(),
      ['facebook', 'instagram', 'linkedin', 'x'],
    );
    assert.ok(drafts.some((d) => d.language === 'es'));
    // extract 1 + photo 1 + generate 2 languages.
    assert.equal(await aiGenerations(agency.agencyId), 4);
    const row = await db.owner('listings').where({ id: listingId }).first();
    assert.equal(row.extras.planSkips, undefined);
  });
});
