import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { recordHistory } from '../support/exportHistory';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedAgency, type SeededAgency } from '../support/agency';
import { startGraphApiDouble, type GraphApiDouble } from '../support/graphApiDouble';
import {
  startTestWorker,
  testActivityDeps,
  workflowBundle,
  type RunningWorker,
} from '../support/worker';
import { listingPhotos } from '../support/photos';
import { createSecretBox } from '../../lib/crypto/secretBox';
import { correctionSignal, listingStatusQuery } from '../../workflows/listing/messages';
import { listingWorkflow } from '../../workflows/listing/listingWorkflow';
import { listingWorkflowId } from '../../workflows/shared/ids';
import {
  ListingStatus as ListingStatusKey,
  TenantId,
} from '../../workflows/shared/searchAttributes';
import { editUpdate } from '../../workflows/listing/messages';
import { rejectUpdate } from '../../workflows/listing/reviewMessages';
import {
  eventually,
  inboundMessage,
  seedSubmission,
  startListing,
  temporalClient,
} from './submission';
import type { Client } from '@temporalio/client';

/**
 * The drafting phase through the real Temporal dev server, the real database and storage:
 * a submission of text and photos becomes a listing awaiting review, with fields, evidence,
 * an ordered and captioned gallery, drafts and their checks.
 */

let db: TestDatabase;
let graph: GraphApiDouble;
let worker: RunningWorker;
let temporal: { client: Client; close(): Promise<void> };
const taskQueue = `drafting-${randomBytes(4).toString('hex')}`;
const HISTORIES = path.resolve(__dirname, '../workflows/histories');
const secrets = createSecretBox(randomBytes(32).toString('base64'));
let photos: Awaited<ReturnType<typeof listingPhotos>>;

before(async () => {
  db = await createTestDatabase();
  graph = await startGraphApiDouble();
  photos = await listingPhotos();
  temporal = await temporalClient();
  worker = await startTestWorker(testActivityDeps(db.app, secrets, graph.baseUrl), { taskQueue });
});
after(async () => {
  await worker.stop();
  await temporal.close();
  await graph.close();
  await db.drop();
});

const TEXT =
  'Beautiful 3 bedroom apartment for sale in Dubai Marina\nAED 1,450,000, 2 bathrooms, 120 m2, pool and parking';

async function awaitingReview(agency: SeededAgency, listingId: string) {
  return eventually(async () => {
    const row = await db.owner('listings').where({ id: listingId }).first();
    return row?.status === 'awaiting_review' ? row : undefined;
  }, 'the listing to await review');
}

describe('a submission becomes a draft awaiting review (local provider)', () => {
  test('fields with evidence, an ordered captioned gallery, drafts with checks, the agent told', async () => {
    const agency = await seedAgency(db, secrets, { accessToken: graph.token });
    const submission = await seedSubmission(db, agency, graph, {
      texts: [TEXT, 'done'],
      photos: [photos.dark, photos.bright, photos.blurry, photos.nearDuplicate, photos.portrait],
    });
    const handle = await startListing(temporal.client, taskQueue, agency, submission);
    const listing = await awaitingReview(agency, submission.listingId);

    assert.equal(Number(listing.list_price), 1450000);
    assert.equal(listing.currency, 'AED');
    assert.equal(listing.city, 'Dubai');
    assert.equal(listing.listing_type, 'sale');
    assert.equal(listing.bedrooms_total, 3);
    assert.equal(listing.bathrooms_total_integer, 2);
    assert.equal(Number(listing.living_area), 120);
    assert.deepEqual(listing.features, ['pool', 'parking']);
    assert.equal(listing.language, 'en');
    assert.ok(listing.source_text.startsWith('Beautiful 3 bedroom'));
    assert.ok(!listing.source_text.includes('done'), '"done" is not part of the listing text');
    const price = listing.evidence.ListPrice;
    assert.equal(listing.source_text.slice(price.start, price.end), price.text);
    assert.match(price.text, /1,450,000/);
    assert.equal(listing.title, '3-bedroom apartment for sale in Dubai');
    assert.match(listing.public_remarks, /Price: AED\s1,450,000\./);

    const assets = await db
      .owner('listing_assets')
      .where({ listing_id: submission.listingId })
      .orderByRaw('"order" asc nulls last');
    const byMessage = (i: number) =>
      assets.find((a) => a.inbound_message_id === submission.photoMessageIds[i])!;
    const [dark, bright, blurry, duplicate, portrait] = [0, 1, 2, 3, 4].map(byMessage);
    assert.equal(bright!.order, 0, 'the bright landscape with sky is the cover');
    assert.equal(bright!.image_of, 'exterior');
    assert.equal(bright!.long_description, 'Exterior');
    assert.equal(duplicate!.status, 'duplicate');
    assert.equal(duplicate!.duplicate_of, bright!.id);
    assert.equal(duplicate!.order, null);
    assert.equal(portrait!.order, 1, 'unflagged photos keep the agent order');
    assert.equal(portrait!.long_description, 'Photo 2');
    assert.deepEqual(dark!.quality.flags, ['dark']);
    assert.deepEqual(blurry!.quality.flags, ['blurry']);
    assert.deepEqual([dark!.order, blurry!.order], [2, 3], 'flagged photos go last');
    assert.equal(dark!.long_description, 'Photo 3');
    assert.ok(bright!.phash && bright!.width === 1600 && bright!.height === 1067);

    const drafts = await db
      .owner('drafts')
      .where({ listing_id: submission.listingId, status: 'generated' });
    const kinds = drafts.map((d) => `${d.kind}:${d.platform ?? ''}`).sort();
    assert.deepEqual(kinds, [
      'description_long:',
      'description_short:',
      'social:facebook',
      'social:instagram',
      'social:linkedin',
      'social:x',
      'title:',
    ]);
    for (const d of drafts) {
      assert.equal(d.provider, 'local');
      assert.equal(d.model, 'local-templates');
      assert.equal(d.prompt_version, 'local-2026-11.1');
      assert.equal(d.revision, 1);
      assert.equal(d.check_status, 'pass', `${d.kind} ${d.platform}: ${JSON.stringify(d.checks)}`);
      assert.deepEqual(d.checks, []);
      if (d.kind === 'social') assert.ok(d.content.includes('{{link}}'));
    }

    const view = await handle.query(listingStatusQuery);
    assert.equal(view.status, 'awaiting_review');
    assert.equal(view.drafting?.revision, 1);
    assert.deepEqual(view.drafting?.photos, { shown: 4, duplicates: 1, flagged: 2 });
    const description = await handle.describe();
    assert.equal(description.typedSearchAttributes.get(ListingStatusKey), 'awaiting_review');
    assert.equal(
      (description.memo as { title?: string } | undefined)?.title,
      '3-bedroom apartment for sale in Dubai',
    );
    // The Temporal UI's run page names the property once it is known.
    const metadata = await handle.query<{ currentDetails?: string }>(
      '__temporal_workflow_metadata',
    );
    assert.equal(metadata.currentDetails, '3-bedroom apartment for sale in Dubai');

    const replies = await eventually(async () => {
      const r = graph.sent.filter((m) => m.to === agency.agentPhone);
      return r.length === 2 ? r : undefined;
    }, 'the received and draft-ready replies');
    assert.equal(
      replies[1]!.text,
      'Draft ready: 3-bedroom apartment for sale in Dubai. The office reviews it before it goes live.',
    );

    // The run replays from its own history with today's code.
    await Worker.runReplayHistory(
      { workflowBundle: await workflowBundle() },
      await handle.fetchHistory(),
    );
  });
});

describe('corrections from the agent', () => {
  test('a correction that arrives while drafting is applied before review', async () => {
    const agency = await seedAgency(db, secrets, { accessToken: graph.token });
    const submission = await seedSubmission(db, agency, graph, {
      texts: [TEXT],
      photos: [photos.bright],
    });
    const correction = await inboundMessage(db, agency, {
      text: 'Correction: price is AED 1,300,000 not 1,450,000',
    });
    // Signal-with-start: the correction is queued before the first workflow task runs.
    const handle = await temporal.client.workflow.signalWithStart(listingWorkflow, {
      taskQueue,
      workflowId: listingWorkflowId(agency.agencyId, submission.listingId),
      args: [
        {
          agencyId: agency.agencyId,
          listingId: submission.listingId,
          agentPhone: agency.agentPhone,
          messageIds: submission.messageIds,
        },
      ],
      signal: correctionSignal,
      signalArgs: [{ messageId: correction }],
      typedSearchAttributes: [{ key: TenantId, value: agency.agencyId }],
    });
    const listing = await awaitingReview(agency, submission.listingId);
    assert.equal(Number(listing.list_price), 1300000);
    assert.equal(listing.bedrooms_total, 3, 'fields the correction does not state stay');
    const price = listing.evidence.ListPrice;
    assert.equal(price.source.kind, 'correction');
    assert.equal(price.source.messageId, correction);
    assert.equal(listing.source_text.slice(price.start, price.end), price.text);
    assert.ok(listing.source_text.endsWith('Correction: price is AED 1,300,000 not 1,450,000'));
    const linked = await db.owner('inbound_messages').where({ id: correction }).first();
    assert.equal(linked.listing_id, submission.listingId);

    const drafts = await db
      .owner('drafts')
      .where({ listing_id: submission.listingId, status: 'generated' });
    assert.ok(drafts.length > 0);
    assert.ok(drafts.every((d) => d.revision === 1 && d.check_status === 'pass'));
    assert.ok(drafts.some((d) => /1,300,000/.test(d.content)));
    assert.ok(drafts.every((d) => !/1,450,000/.test(d.content)));
    const view = await handle.query(listingStatusQuery);
    assert.deepEqual(view.drafting?.appliedCorrections, [correction]);
    assert.equal(view.corrections, 1);

    // A real run, replayed from its own history; also the committed guard's source.
    const history = await handle.fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history);
    recordHistory(path.join(HISTORIES, 'listing-drafting-correction.json'), handle.workflowId);
  });

  test('in review: re-extracts, regenerates the copy, keeps operator edits, returns to review', async () => {
    const agency = await seedAgency(db, secrets, { accessToken: graph.token });
    const submission = await seedSubmission(db, agency, graph, { texts: [TEXT] });
    // The production workflow: review's own loop applies the corrections.
    const handle = await startListing(temporal.client, taskQueue, agency, submission);
    await awaitingReview(agency, submission.listingId);

    // An operator's edit, as the review API sends it: an Update the workflow saves and re-checks.
    const short = await db
      .owner('drafts')
      .where({ listing_id: submission.listingId, kind: 'description_short', status: 'generated' })
      .first();
    const by = { type: 'user' as const, id: 'operator-1' };
    const saved = await handle.executeUpdate(editUpdate, {
      args: [
        {
          by,
          edit: {
            fields: { City: 'Dubai Marina' },
            drafts: [{ id: short.id, content: 'Bright apartment in Dubai Marina with a pool.' }],
          },
        },
      ],
    });
    assert.equal(saved.status, 'awaiting_review');

    const correction = await inboundMessage(db, agency, {
      text: 'correction: price is AED 1,300,000 not 1,450,000',
    });
    await handle.signal(correctionSignal, { messageId: correction });
    await handle.signal(correctionSignal, { messageId: correction }); // a re-delivery
    // The query sees the status as the workflow decides it; the row once the write commits.
    const inReview = async () =>
      (await db.owner('listings').where({ id: submission.listingId }).first('status')).status ===
      'awaiting_review';
    const view = await eventually(async () => {
      const v = await handle.query(listingStatusQuery);
      return v.status === 'awaiting_review' && v.drafting?.revision === 2 && (await inReview())
        ? v
        : undefined;
    }, 'revision 2 in review');
    assert.deepEqual(view.drafting?.lastChanged, ['ListPrice']);
    assert.deepEqual(view.drafting?.appliedCorrections, [correction]);
    assert.equal(view.corrections, 1, 'the re-delivered signal counts once');

    const listing = await db.owner('listings').where({ id: submission.listingId }).first();
    assert.equal(listing.status, 'awaiting_review');
    assert.equal(Number(listing.list_price), 1300000);
    assert.equal(listing.city, 'Dubai Marina', "the operator's edit survives re-extraction");
    assert.equal(listing.title, '3-bedroom apartment for sale in Dubai Marina');

    const drafts = await db.owner('drafts').where({ listing_id: submission.listingId });
    const of = (status: string, revision?: number) =>
      drafts.filter(
        (d) => d.status === status && (revision === undefined || d.revision === revision),
      );
    assert.equal(of('superseded', 1).length, 6, 'revision 1 is kept, superseded');
    assert.equal(of('generated', 2).length, 6);
    assert.ok(of('generated', 2).every((d) => /1,300,000|Dubai Marina/.test(d.content)));
    const edited = of('edited');
    assert.equal(edited.length, 1);
    assert.equal(edited[0].content, 'Bright apartment in Dubai Marina with a pool.');
    assert.equal(edited[0].check_status, 'pass', 'the edit was checked again');
    const suggested = of('suggested', 2);
    assert.equal(suggested.length, 1);
    assert.equal(suggested[0].kind, 'description_short');

    // A correction that changes no field regenerates nothing.
    const same = await inboundMessage(db, agency, { text: 'actually price is AED 1,300,000' });
    await handle.signal(correctionSignal, { messageId: same });
    const after = await eventually(async () => {
      const v = await handle.query(listingStatusQuery);
      return v.drafting?.appliedCorrections.length === 2 &&
        v.status === 'awaiting_review' &&
        (await inReview())
        ? v
        : undefined;
    }, 'the second correction');
    assert.equal(after.drafting?.revision, 2);
    assert.deepEqual(after.drafting?.lastChanged, []);
    assert.equal(
      (await db.owner('drafts').where({ listing_id: submission.listingId, revision: 3 })).length,
      0,
    );
    // The decision closes review: rejected, the run completes (the agent is told why).
    const rejected = await handle.executeUpdate(rejectUpdate, {
      args: [{ by, reason: 'The photos are missing' }],
    });
    assert.equal(rejected.status, 'rejected');
    await handle.result();
    recordHistory(path.join(HISTORIES, 'listing-review-decision.json'), handle.workflowId);
  });
});
