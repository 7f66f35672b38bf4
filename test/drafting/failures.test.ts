import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedAgency } from '../support/agency';
import { startGraphApiDouble, type GraphApiDouble } from '../support/graphApiDouble';
import { startTestWorker, testActivityDeps, type RunningWorker } from '../support/worker';
import { listingPhotos } from '../support/photos';
import { createSecretBox } from '../../lib/crypto/secretBox';
import type { Activities } from '../../activities';
import { listingStatusQuery } from '../../workflows/listing/messages';
import { ListingStatus } from '../../workflows/shared/searchAttributes';
import { eventually, seedSubmission, startListing, temporalClient } from './submission';

/**
 * Every drafting step, failing: once (Temporal retries it and the listing still reaches
 * review, the history showing the second attempt and the first one's failure), and for good
 * (the listing is `failed` at that step, with the step's own reason on the row and the query).
 */

const STEPS = {
  normalizeSubmission: 'normalize',
  extractListingFields: 'extract',
  analysePhoto: 'analyse_photos',
  arrangeGallery: 'arrange_gallery',
  generateDrafts: 'generate',
  checkDrafts: 'check',
  saveDrafts: 'save',
} as const;
type Step = keyof typeof STEPS;

let db: TestDatabase;
let graph: GraphApiDouble;
let worker: RunningWorker;
let temporal: { client: Client; close(): Promise<void> };
const taskQueue = `drafting-faults-${randomBytes(4).toString('hex')}`;
const secrets = createSecretBox(randomBytes(32).toString('base64'));
/** `${activity}:${agencyId}` -> how to fail and how many more times. */
const faults = new Map<string, { permanent: boolean; left: number }>();

function injectFaults(real: Activities): Activities {
  const wrapped: Record<string, unknown> = { ...real };
  for (const name of Object.keys(STEPS) as Step[]) {
    const step = real[name] as (input: { agencyId: string }) => Promise<unknown>;
    wrapped[name] = async (input: { agencyId: string }) => {
      const fault = faults.get(`${name}:${input.agencyId}`);
      if (fault && fault.left > 0) {
        fault.left -= 1;
        throw fault.permanent
          ? ApplicationFailure.nonRetryable(`${name} failed for good`, 'InjectedPermanent')
          : ApplicationFailure.create({ message: `${name} failed once`, type: 'Injected' });
      }
      return step(input);
    };
  }
  return wrapped as Activities;
}

let photos: Awaited<ReturnType<typeof listingPhotos>>;
before(async () => {
  db = await createTestDatabase();
  graph = await startGraphApiDouble();
  photos = await listingPhotos();
  temporal = await temporalClient();
  worker = await startTestWorker(testActivityDeps(db.app, secrets, graph.baseUrl), {
    taskQueue,
    activities: injectFaults,
  });
});
after(async () => {
  await worker.stop();
  await temporal.close();
  await graph.close();
  await db.drop();
});

async function submit(step: Step, permanent: boolean) {
  const agency = await seedAgency(db, secrets, { accessToken: graph.token });
  faults.set(`${step}:${agency.agencyId}`, { permanent, left: 1 });
  const submission = await seedSubmission(db, agency, graph, {
    texts: ['2 bedroom flat for rent in Nairobi, Ksh 65,000 per month, 1 bathroom, gym'],
    photos: [photos.bright, photos.portrait],
  });
  const handle = await startListing(temporal.client, taskQueue, agency, submission);
  return { agency, submission, handle };
}

const statusOf = async (listingId: string) =>
  (await db.owner('listings').where({ id: listingId }).first()) as {
    status: string;
    last_error: string | null;
  };

async function attemptsOf(handle: WorkflowHandle, activity: Step) {
  const history = await handle.fetchHistory();
  const scheduled = new Map<string, string>();
  const started: Array<{ attempt: number; lastFailure?: string }> = [];
  for (const e of history.events ?? []) {
    const s = e.activityTaskScheduledEventAttributes;
    if (s?.activityType?.name) scheduled.set(String(e.eventId), s.activityType.name);
    const t = e.activityTaskStartedEventAttributes;
    if (t && scheduled.get(String(t.scheduledEventId)) === activity) {
      started.push({
        attempt: t.attempt ?? 0,
        ...(t.lastFailure?.message ? { lastFailure: t.lastFailure.message } : {}),
      });
    }
  }
  return started;
}

describe('a step that fails once is retried and the listing still reaches review', () => {
  for (const step of Object.keys(STEPS) as Step[]) {
    test(step, async () => {
      const { submission, handle } = await submit(step, false);
      await eventually(
        async () => (await statusOf(submission.listingId)).status === 'awaiting_review',
        'review',
      );
      const attempts = await attemptsOf(handle, step);
      const retried = attempts.find((a) => a.attempt === 2);
      assert.ok(retried, `${step} ran a second attempt: ${JSON.stringify(attempts)}`);
      assert.equal(retried.lastFailure, `${step} failed once`);
      assert.equal((await statusOf(submission.listingId)).last_error, null);
      const drafts = await db
        .owner('drafts')
        .where({ listing_id: submission.listingId, status: 'generated' });
      assert.equal(drafts.length, 7, 'one set of drafts, not two');
    });
  }
});

describe('a step that fails for good leaves the listing failed with its reason', () => {
  for (const step of Object.keys(STEPS) as Step[]) {
    test(step, async () => {
      const { submission, handle } = await submit(step, true);
      await assert.rejects(handle.result());
      const row = await statusOf(submission.listingId);
      assert.equal(row.status, 'failed');
      assert.equal(row.last_error, `${step} failed for good (InjectedPermanent)`);
      const view = await handle.query(listingStatusQuery);
      assert.equal(view.status, 'failed');
      assert.equal(view.step, STEPS[step]);
      assert.equal(view.lastError, row.last_error);
      const description = await handle.describe();
      assert.equal(description.typedSearchAttributes.get(ListingStatus), 'failed');
      const attempts = await attemptsOf(handle, step);
      assert.ok(
        attempts.every((a) => a.attempt === 1),
        'a permanent failure is not retried',
      );
    });
  }
});
