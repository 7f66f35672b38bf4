/**
 * The fast tier of the listing workflow: the production `listingWorkflow` (not its phases
 * re-composed) on the harness's Temporal server with stubbed activities, so its rules (review
 * reminder and expiry timers, the decision queue, the status table, notifications beside the
 * flow, the edit Update's order, the lifecycle commands) are tested without Postgres,
 * WordPress or Meta. The agency's review policy is stubbed to a fraction of a second.
 *
 * Time skipping (`TestWorkflowEnvironment.createTimeSkipping`) needs Temporal's Java test
 * server, which nothing on this machine can download; short stubbed durations stand in for it.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { ApplicationFailure } from '@temporalio/common';
import {
  WorkflowUpdateFailedError,
  WorkflowUpdateStage,
  type WorkflowHandle,
} from '@temporalio/client';
import type { Activities } from '../../activities';
import { workflowBundle } from '../support/worker';
import { eventually } from '../support/eventually';
import type { listingWorkflow } from '../../workflows/listing/listingWorkflow';
import { commandListing } from '../../lib/listings/workflowCalls';
import type { TemporalHandle } from '../../lib/temporal/client';
import { temporalFailureToAppError } from '../../api/temporalFailures';
import { editUpdate, listingStatusQuery } from '../../workflows/listing/messages';
import {
  approveSignal,
  approveUpdate,
  rejectUpdate,
  reopenUpdate,
} from '../../workflows/listing/reviewMessages';
import {
  archiveUpdate,
  republishUpdate,
  retryPublishUpdate,
} from '../../workflows/listing/publishingMessages';

const by = { type: 'user' as const, id: 'operator-1' };
let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
const taskQueue = `listing-fast-${randomUUID().slice(0, 8)}`;

/** What the stubbed activities saw, per listing, in order. */
const calls = new Map<string, string[]>();
const log = (listingId: string, entry: string) => {
  const list = calls.get(listingId) ?? [];
  list.push(entry);
  calls.set(listingId, list);
};
/** Listings whose agent replies fail (Meta down), and whose WordPress updates are slow. */
const metaDown = new Set<string>();
const slowWordPress = new Set<string>();
const SHORT = { remindAfterMs: 400, expireAfterMs: 1500 };
const LONG = { remindAfterMs: 60_000, expireAfterMs: 120_000 };

function stubs(): Partial<Activities> {
  type In = { listingId: string };
  const ok =
    <T>(name: string, value: T) =>
    (input: In) => {
      log(input.listingId, name);
      return Promise.resolve(value);
    };
  return {
    storeMedia: ok('storeMedia', { outcome: 'text' }),
    setListingStatus: (input: In & { status: string }) => {
      log(input.listingId, `status:${input.status}`);
      return Promise.resolve();
    },
    draftingSettings: () => Promise.resolve({ aiTaskQueue: taskQueue, provider: 'stub' }),
    normalizeSubmission: ok('normalize', {
      language: 'en',
      photoIds: [],
    }) as unknown as Activities['normalizeSubmission'],
    extractListingFields: ok('extract', {
      changed: ['ListPrice'],
    }) as unknown as Activities['extractListingFields'],
    arrangeGallery: ok('gallery', {
      photos: 0,
      duplicates: 0,
      flagged: 0,
    }) as unknown as Activities['arrangeGallery'],
    generateDrafts: ok('generate', {}) as unknown as Activities['generateDrafts'],
    checkDrafts: ok('check', {}) as unknown as Activities['checkDrafts'],
    saveDrafts: ok('save', {
      drafts: 3,
      blocked: 0,
      warned: 0,
      title: 'Flat in Lisbon',
    }),
    // An agency of its own for the listing whose review times out.
    reviewPolicy: (input: { agencyId: string }) =>
      Promise.resolve(input.agencyId === 'fast-short-review' ? SHORT : LONG),
    blockingChecks: ok('blockingChecks', []),
    recordDecision: (input: In & { action: string }) => {
      log(input.listingId, `decision:${input.action}`);
      return Promise.resolve();
    },
    remindReviewers: ok('remind', undefined),
    saveListingEdit: ok('saveEdit', undefined),
    notificationSettings: () =>
      Promise.resolve({ initialIntervalMs: 100, maximumIntervalMs: 200, maximumAttempts: 4 }),
    notifyAgent: (input: In & { kind: string }) => {
      if (metaDown.has(input.listingId)) {
        log(input.listingId, `notifyFailed:${input.kind}`);
        return Promise.reject(
          ApplicationFailure.retryable('Graph API answered 503', 'WhatsAppUnavailable'),
        );
      }
      log(input.listingId, `notify:${input.kind}`);
      return Promise.resolve({ providerMessageId: 'wamid.1', alreadySent: false });
    },
    recordNotificationOutcome: (input: In & { notification: string; outcome: string }) => {
      log(input.listingId, `timeline:notification_${input.outcome}:${input.notification}`);
      return Promise.resolve();
    },
    publishingSettings: () => Promise.resolve({ taskQueue: null }),
    publicationTargets: () => Promise.resolve({ siteIds: ['site-1'] }),
    uploadMedia: ok('uploadMedia', {}) as unknown as Activities['uploadMedia'],
    pushProperty: ok('push', {
      url: 'https://agency.test/flat',
    }) as unknown as Activities['pushProperty'],
    updateProperty: (async (input: In) => {
      if (slowWordPress.has(input.listingId)) await new Promise((r) => setTimeout(r, 2_000));
      log(input.listingId, 'update');
      return { url: 'https://agency.test/flat' };
    }) as unknown as Activities['updateProperty'],
    archiveProperty: ok('archive', {}) as unknown as Activities['archiveProperty'],
    markPublicationFailed: ok('markFailed', undefined),
  };
}

before(async () => {
  env = await TestWorkflowEnvironment.createFromExistingServer({
    address: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
  });
  worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: stubs(),
  });
  running = worker.run();
});
after(async () => {
  worker.shutdown();
  await running;
  await env.teardown();
});

async function startListing(opts: { metaDown?: boolean; shortReview?: boolean } = {}) {
  const listingId = randomUUID();
  if (opts.metaDown) metaDown.add(listingId);
  const agencyId = opts.shortReview ? 'fast-short-review' : 'fast-agency';
  const handle = await env.client.workflow.start<typeof listingWorkflow>('listingWorkflow', {
    taskQueue,
    workflowId: `listing:${agencyId}:${listingId}`,
    args: [{ agencyId, listingId, agentPhone: '351900000001', messageIds: ['m1'] }],
  });
  return { listingId, handle, seen: () => calls.get(listingId) ?? [] };
}

const statusIs = (handle: WorkflowHandle, status: string) =>
  eventually(
    async () => (await handle.query(listingStatusQuery)).status === status,
    `status ${status}`,
    15_000,
  );

/** The refusal an Update answers with: its failure type and the status table's reason. */
async function refusal(call: Promise<unknown>): Promise<{ type?: string; code?: string }> {
  try {
    await call;
  } catch (err) {
    assert.ok(err instanceof WorkflowUpdateFailedError, String(err));
    const cause = err.cause as ApplicationFailure;
    const details = (cause.details?.[0] ?? {}) as { code?: string };
    return { type: cause.type ?? undefined, code: details.code };
  }
  throw new Error('the update was not refused');
}

describe('review', () => {
  test('reminds, then expires; only a reopen is admitted, then approval publishes', async () => {
    const { handle, seen } = await startListing({ shortReview: true });
    await statusIs(handle, 'awaiting_review');
    await statusIs(handle, 'expired');
    // The reminder was sent beside the wait (it may finish after expiry on a busy machine).
    await eventually(async () => seen().includes('remind'), 'the reminder');
    // The query shows the status as soon as the workflow decides it; the record follows.
    await eventually(async () => seen().includes('decision:expired'), 'the expiry record');

    const approveExpired = await refusal(handle.executeUpdate(approveUpdate, { args: [{ by }] }));
    assert.deepEqual(approveExpired, {
      type: 'ListingCommandRefused',
      code: 'not_awaiting_review',
    });
    assert.deepEqual(await handle.executeUpdate(reopenUpdate, { args: [{ by }] }), {
      status: 'awaiting_review',
    });
    assert.deepEqual(await handle.executeUpdate(approveUpdate, { args: [{ by }] }), {
      status: 'approved',
    });
    await statusIs(handle, 'published');
    const order = seen();
    assert.ok(order.indexOf('decision:reopened') < order.indexOf('decision:approved'));
    assert.ok(order.indexOf('push') > order.indexOf('decision:approved'));
  });

  test('the decision queue: the first decision wins, the one behind it hears why', async () => {
    const { handle, seen } = await startListing();
    await statusIs(handle, 'awaiting_review');
    const [approve, reject] = await Promise.allSettled([
      handle.executeUpdate(approveUpdate, { args: [{ by }] }),
      handle.executeUpdate(rejectUpdate, { args: [{ by, reason: 'photos missing' }] }),
    ]);
    const outcomes = [approve, reject].map((r) => r.status);
    assert.deepEqual(outcomes.sort(), ['fulfilled', 'rejected']);
    const lost = (approve.status === 'rejected' ? approve : reject) as PromiseRejectedResult;
    const cause = (lost.reason as WorkflowUpdateFailedError).cause as ApplicationFailure;
    assert.equal(cause.type, 'ListingCommandRefused');
    // Only one decision was recorded.
    const decisions = seen().filter((e) => e === 'decision:approved' || e === 'decision:rejected');
    assert.equal(decisions.length, 1);
  });

  test('a signalled approval passes the same table: dropped when not in review', async () => {
    const { handle, seen } = await startListing();
    await statusIs(handle, 'awaiting_review');
    await handle.executeUpdate(rejectUpdate, { args: [{ by, reason: 'not ours' }] });
    await handle.signal(approveSignal, { by });
    const view = await handle.query(listingStatusQuery);
    assert.equal(view.status, 'rejected');
    await handle.result();
    assert.ok(!seen().includes('decision:approved'));
    assert.ok(seen().includes('notify:rejected'), 'the agent was told before the run closed');
  });

  test('an edit in review is saved, then re-checked, before the approval behind it', async () => {
    const { handle, seen } = await startListing();
    await statusIs(handle, 'awaiting_review');
    const before = seen().length;
    // The edit is admitted first; the approval queues behind it while the edit is applied.
    const editing = await handle.startUpdate(editUpdate, {
      args: [{ by, edit: { title: 'Bright flat' } }],
      waitForStage: WorkflowUpdateStage.ACCEPTED,
    });
    const approved = await handle.executeUpdate(approveUpdate, { args: [{ by }] });
    const edited = await editing.result();
    assert.equal(edited.status, 'awaiting_review');
    assert.equal(approved.status, 'approved');
    const after = seen().slice(before);
    assert.ok(after.indexOf('saveEdit') < after.indexOf('check'));
    assert.ok(after.indexOf('check') < after.indexOf('decision:approved'));
  });
});

describe('notifications beside the flow', () => {
  test('with Meta down the listing is reviewed, approved and published; the replies given up go on the timeline', async () => {
    const { handle, seen } = await startListing({ metaDown: true });
    await statusIs(handle, 'awaiting_review');
    // Approved while the "draft ready" reply is still being retried.
    assert.deepEqual(await handle.executeUpdate(approveUpdate, { args: [{ by }] }), {
      status: 'approved',
    });
    await statusIs(handle, 'published');
    await eventually(
      async () =>
        ['received', 'draft_ready', 'published'].every((kind) =>
          seen().includes(`timeline:notification_failed:${kind}`),
        ),
      'the three replies to be given up and recorded',
      15_000,
    );
    // Bounded: four attempts each, then no more.
    assert.equal(seen().filter((e) => e === 'notifyFailed:draft_ready').length, 4);
  });
});

describe('after publication', () => {
  test('edit republishes after saving; archive, republish; retry-publish is refused when not failed', async () => {
    const { handle, seen } = await startListing();
    await statusIs(handle, 'awaiting_review');
    await handle.executeUpdate(approveUpdate, { args: [{ by }] });
    await statusIs(handle, 'published');

    const before = seen().length;
    assert.deepEqual(
      await handle.executeUpdate(editUpdate, {
        args: [{ by, edit: { fields: { ListPrice: 330000 } } }],
      }),
      { status: 'published' },
    );
    const edit = seen().slice(before);
    assert.ok(edit.indexOf('saveEdit') >= 0 && edit.indexOf('saveEdit') < edit.indexOf('update'));

    assert.deepEqual(
      await handle.executeUpdate(archiveUpdate, { args: [{ by, reason: 'sold' }] }),
      { status: 'archived' },
    );
    const again = await refusal(
      handle.executeUpdate(archiveUpdate, { args: [{ by, reason: 'sold' }] }),
    );
    assert.deepEqual(again, { type: 'ListingCommandRefused', code: 'not_published' });
    assert.deepEqual(await handle.executeUpdate(republishUpdate, { args: [{ by }] }), {
      status: 'published',
    });
    const retry = await refusal(handle.executeUpdate(retryPublishUpdate, { args: [{ by }] }));
    assert.deepEqual(retry, { type: 'ListingCommandRefused', code: 'not_failed' });
    // Each publish asks (beside the flow); the activity's idempotency key sends once.
    await eventually(
      async () => seen().filter((e) => e === 'notify:published').length === 2,
      'the republish to ask for the published reply',
    );
  });
});

describe('what the API is told', () => {
  test('a command still running after the wait is "not done yet"; a refusal maps to 409 with the table’s code', async () => {
    const { listingId, handle } = await startListing();
    slowWordPress.add(listingId);
    await statusIs(handle, 'awaiting_review');
    await handle.executeUpdate(approveUpdate, { args: [{ by }] });
    await statusIs(handle, 'published');
    const temporal = { connection: env.connection, client: env.client } as TemporalHandle;

    const edit = { by, edit: { title: 'Slow to republish' } };
    const answer = await commandListing(temporal, handle.workflowId, editUpdate, [edit], {
      waitMs: 300,
    });
    assert.deepEqual(answer, { done: false }, 'admitted, republish still running');
    await statusIs(handle, 'published');

    const refused = await commandListing(temporal, handle.workflowId, retryPublishUpdate, [
      { by },
    ]).catch((err: unknown) => err);
    const mapped = temporalFailureToAppError(refused);
    assert.equal(mapped?.status, 409);
    assert.equal(mapped?.code, 'not_failed');
    assert.equal(mapped?.details.status, 'published');
  });
});
