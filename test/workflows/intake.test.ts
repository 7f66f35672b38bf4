import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import path from 'node:path';
import { eventually } from '../support/eventually';
import { openGroupQuery } from '../../workflows/intake/messages';
import {
  agentInput,
  recordHistory,
  sendBatchToIntake,
  sendToIntake,
  startIntakeTier,
  textMessage,
  type IntakeTier,
} from './support/intakeTier';

/**
 * The intake workflow's rules (grouping windows, burst limits, replies beside the flow,
 * continue-as-new) on the production workflow code with stubbed activities: no Postgres, no
 * Meta. The histories the replay test guards are recorded here (RECORD_HISTORIES=1).
 */
const HISTORIES = path.resolve(__dirname, 'histories');
let tier: IntakeTier;
before(async () => {
  tier = await startIntakeTier();
});
after(async () => tier.close());

const submissionsOf = (ids: string[]) =>
  tier.submissions.filter((s) => s.messageIds.some((id) => ids.includes(id)));

describe('grouping', () => {
  test('a burst becomes one submission after the quiet window; "done" closes at once; "new listing" splits', async () => {
    const input = agentInput({ quietWindowMs: 800 });
    const burst = [textMessage('3 bed flat in Marbella'), textMessage(undefined, 'image')];
    const handle = await sendToIntake(tier, input, burst);
    const view = await eventually(async () => {
      const v = await handle.query(openGroupQuery);
      return v.messages.length === 2 ? v : undefined;
    }, 'the open group to hold the burst');
    assert.equal(view.media, 1);
    const [first] = await eventually(async () => {
      const found = submissionsOf(burst.map((m) => m.id));
      return found.length ? found : undefined;
    }, 'the quiet window to close the burst');
    assert.deepEqual(
      first!.messageIds,
      burst.map((m) => m.id),
    );

    const second = [textMessage('Villa with pool'), textMessage('2.1M'), textMessage('done')];
    const third = [textMessage('New listing: studio in Madrid'), textMessage('listo')];
    // "New listing" closes the open burst before it, whatever the window.
    const split = [
      textMessage('Penthouse'),
      textMessage('new listing: a loft'),
      textMessage('in Lisbon'),
    ];
    await sendToIntake(tier, { ...input, quietWindowMs: 60_000 }, [...second, ...third]);
    const closed = await eventually(async () => {
      const a = submissionsOf(second.map((m) => m.id));
      const b = submissionsOf(third.map((m) => m.id));
      return a.length && b.length ? [a[0]!, b[0]!] : undefined;
    }, '"done" and "listo" to close their bursts at once');
    assert.deepEqual(
      closed[0]!.messageIds,
      second.map((m) => m.id),
    );
    assert.deepEqual(
      closed[1]!.messageIds,
      third.map((m) => m.id),
    );
    await sendToIntake(tier, input, split);
    const [penthouse] = await eventually(async () => {
      const found = submissionsOf([split[0]!.id]);
      return found.length ? found : undefined;
    }, '"new listing" to close the burst before it');
    assert.deepEqual(penthouse!.messageIds, [split[0]!.id]);
    const [loft] = await eventually(async () => {
      const found = submissionsOf([split[1]!.id]);
      return found.length ? found : undefined;
    }, 'the loft to become its own submission');
    assert.deepEqual(loft!.messageIds, [split[1]!.id, split[2]!.id]);

    const { runId } = await handle.describe();
    recordHistory(path.join(HISTORIES, 'intake-grouping.json'), handle.workflowId, runId);
  });
});

describe('sender order', () => {
  test('messages handed over out of the order they were sent in are read in sender order: "done" waits for what came before it', async () => {
    const input = agentInput({ quietWindowMs: 60_000, reorderWindowMs: 1_500 });
    const [loft, photo, done] = [
      textMessage('Loft in Porto, 2 bedrooms'),
      textMessage(undefined, 'image'),
      textMessage('done'),
    ];
    // Two API replicas: the "done" reaches Temporal first, the photo and the words after it.
    await sendToIntake(tier, input, [done, photo, loft]);
    const [submission] = await eventually(async () => {
      const found = submissionsOf([loft.id, photo.id, done.id]);
      return found.length ? found : undefined;
    }, '"done" to close the burst once the messages sent before it were read');
    assert.deepEqual(submission!.messageIds, [loft.id, photo.id, done.id]);
    assert.equal(submissionsOf([loft.id, photo.id, done.id]).length, 1);
    // intake-sender-order.json, recorded here before the intake woke only for a new head, stays
    // as the guard of that path; the next test records the current one.
  });

  test('an arrival later in sender order does not restart the wait for the one before it', async () => {
    const input = agentInput({ quietWindowMs: 60_000, reorderWindowMs: 1_500 });
    const burst = [
      textMessage('Duplex in Valencia'),
      textMessage(undefined, 'image'),
      textMessage(undefined, 'image'),
      textMessage('3 bedrooms, 240,000 EUR'),
      textMessage('done'),
    ];
    const handle = await sendToIntake(tier, input, burst);
    const [submission] = await eventually(async () => {
      const found = submissionsOf([burst[0]!.id]);
      return found.length ? found : undefined;
    }, 'the burst to close');
    assert.deepEqual(
      submission!.messageIds,
      burst.map((m) => m.id),
    );
    // Each message's window is its own timer; none was cancelled and started again because a
    // later message came in meanwhile (that was one cancel and one start per arrival).
    const history = await handle.fetchHistory();
    const cancelled = (history.events ?? []).filter((e) => e.timerCanceledEventAttributes);
    assert.equal(cancelled.length, 0);
    const { runId } = await handle.describe();
    recordHistory(path.join(HISTORIES, 'intake-sender-order-head.json'), handle.workflowId, runId);
  });

  test('a batch signal is read like its messages one by one: sender order, repeats dropped', async () => {
    const input = agentInput({ quietWindowMs: 60_000, reorderWindowMs: 1_000 });
    const [loft, photo, price, done] = [
      textMessage('Loft in Porto, 2 bedrooms'),
      textMessage(undefined, 'image'),
      textMessage('395,000 EUR'),
      textMessage('done'),
    ];
    // One replica's batch holds a later message before an earlier one; another replica then
    // hands over the rest, one of them a repeat the reconciler re-drove.
    const handle = await sendBatchToIntake(tier, input, [photo, loft]);
    await sendBatchToIntake(tier, input, [done, price, photo]);
    const [submission] = await eventually(async () => {
      const found = submissionsOf([loft.id]);
      return found.length ? found : undefined;
    }, 'the batch to close as one burst');
    assert.deepEqual(submission!.messageIds, [loft.id, photo.id, price.id, done.id]);
    assert.equal(submissionsOf([loft.id, photo.id, price.id, done.id]).length, 1);
    const history = await handle.fetchHistory();
    const signals = (history.events ?? []).filter(
      (e) => e.workflowExecutionSignaledEventAttributes,
    );
    assert.equal(signals.length, 2, 'two batches are two history events, not five');
    const { runId } = await handle.describe();
    recordHistory(path.join(HISTORIES, 'intake-batch-signal.json'), handle.workflowId, runId);
  });

  test('messages sent within one second keep the order Postgres stored them in', async () => {
    const input = agentInput({ quietWindowMs: 60_000, reorderWindowMs: 1_000 });
    const sameSecond = (m: ReturnType<typeof textMessage>, seq: string) => ({
      ...m,
      sentAt: '2026-02-01T10:00:00.000Z',
      arrivalSeq: seq,
    });
    // 9 before 10: a shorter bigint is smaller, however the text compares.
    const first = sameSecond(textMessage('Casa en Usaquén'), '9');
    const second = sameSecond(textMessage('precio 1.200 millones'), '10');
    const done = { ...textMessage('listo'), sentAt: '2026-02-01T10:00:01.000Z' };
    await sendToIntake(tier, input, [second, done, first]);
    const [submission] = await eventually(async () => {
      const found = submissionsOf([first.id]);
      return found.length ? found : undefined;
    }, 'the burst to close in sender order');
    assert.deepEqual(submission!.messageIds, [first.id, second.id, done.id]);
  });
});

describe('bounded bursts', () => {
  test('a burst that reaches the message limit is closed there and the agent told; the rest start the next listing', async () => {
    const input = agentInput({ burstLimits: { maxMessages: 5, maxPhotos: 3 } });
    const messages = Array.from({ length: 7 }, (_, i) => textMessage(`line ${i}`));
    await sendToIntake(tier, input, messages);
    const [closed, next] = await eventually(async () => {
      const found = submissionsOf(messages.map((m) => m.id));
      return found.length === 2 ? found : undefined;
    }, 'the limit and then the quiet window to close two submissions');
    assert.deepEqual(
      closed!.messageIds,
      messages.slice(0, 5).map((m) => m.id),
    );
    assert.deepEqual(
      next!.messageIds,
      messages.slice(5).map((m) => m.id),
    );
    const told = await eventually(
      async () => tier.replies.find((r) => r.listingId === closed!.listingId),
      'the agent to be told the burst was closed',
    );
    assert.deepEqual(told, {
      kind: 'burst_limit',
      listingId: closed!.listingId,
      params: { limit: '5 messages' },
    });
  });

  test('a burst that reaches the photo limit is closed at that photo', async () => {
    const input = agentInput({ burstLimits: { maxMessages: 200, maxPhotos: 3 } });
    const messages = [
      textMessage('Flat in Porto'),
      textMessage(undefined, 'image'),
      textMessage(undefined, 'document'),
      textMessage(undefined, 'image'),
      textMessage('and the garage'),
    ];
    await sendToIntake(tier, input, messages);
    const found = await eventually(async () => {
      const s = submissionsOf(messages.map((m) => m.id));
      return s.length === 2 ? s : undefined;
    }, 'two submissions');
    assert.deepEqual(
      found[0]!.messageIds,
      messages.slice(0, 4).map((m) => m.id),
    );
    const told = await eventually(
      async () => tier.replies.find((r) => r.listingId === found[0]!.listingId),
      'the agent told',
    );
    assert.deepEqual(told.params, { limit: '3 photos' });
  });

  test('a reply that keeps failing (Meta down) holds up no burst', async () => {
    const input = agentInput();
    tier.overPlan.add(input.agencyId);
    tier.failReplies.on = true;
    try {
      const refused = [textMessage('over the plan'), textMessage('done')];
      await sendToIntake(tier, input, refused);
      await eventually(
        async () => tier.failReplies.attempts > 0,
        'the plan-limit reply to be tried',
      );
      tier.overPlan.delete(input.agencyId);
      const next = [textMessage('the plan was upgraded'), textMessage('done')];
      await sendToIntake(tier, input, next);
      const [created] = await eventually(
        async () => {
          const s = submissionsOf(next.map((m) => m.id));
          return s.length ? s : undefined;
        },
        'the next burst to become a listing while the reply is still retrying',
        10_000,
      );
      assert.deepEqual(
        created!.messageIds,
        next.map((m) => m.id),
      );
      assert.equal(submissionsOf(refused.map((m) => m.id)).length, 0);
    } finally {
      tier.failReplies.on = false;
    }
  });
});

describe('continue-as-new', () => {
  test('a long history hands over in the middle of a burst, carrying the open group and unread messages', async () => {
    // 30 signals alone pass 20 events, however the worker batches them into tasks.
    const input = agentInput({ quietWindowMs: 2500, maxHistoryEvents: 20 });
    const messages = Array.from({ length: 30 }, (_, i) => textMessage(`part ${i}`));
    const first = await sendToIntake(tier, input, messages.slice(0, 1));
    const firstRunId = first.signaledRunId;
    await sendToIntake(tier, input, messages.slice(1));

    const [submission] = await eventually(async () => {
      const s = submissionsOf(messages.map((m) => m.id));
      return s.length ? s : undefined;
    }, 'the burst to be submitted after the quiet window, across runs');
    assert.deepEqual(
      submission!.messageIds,
      messages.map((m) => m.id),
      'one submission, every message, in order',
    );
    assert.equal(submissionsOf(messages.map((m) => m.id)).length, 1);

    const firstRun = tier.client.workflow.getHandle(first.workflowId, firstRunId);
    const described = await firstRun.describe();
    assert.equal(described.status.name, 'CONTINUED_AS_NEW');
    const history = await firstRun.fetchHistory();
    const end = history.events!.at(-1)!;
    const carried = JSON.parse(
      Buffer.from(
        end.workflowExecutionContinuedAsNewEventAttributes!.input!.payloads![0]!.data!,
      ).toString('utf8'),
    );
    assert.ok(
      carried.carried.open.length + carried.carried.inbox.length > 0,
      'the hand-over happened with a burst open',
    );
    recordHistory(
      path.join(HISTORIES, 'intake-continue-as-new.json'),
      first.workflowId,
      firstRunId,
    );
  });
});

describe('a flood', () => {
  test('2,100 messages in one burst become listings of at most 200, none lost or repeated, across hand-overs', async () => {
    const input = agentInput({ quietWindowMs: 1500, maxHistoryEvents: 2000 });
    const messages = Array.from({ length: 2100 }, (_, i) => textMessage(`flood ${i}`));
    const first = await sendToIntake(tier, input, messages.slice(0, 1));
    for (let i = 1; i < messages.length; i += 50)
      await Promise.all(messages.slice(i, i + 50).map((m) => sendToIntake(tier, input, [m])));
    const ids = messages.map((m) => m.id);
    const submitted = await eventually(
      async () => {
        const s = submissionsOf(ids);
        return s.reduce((n, x) => n + x.messageIds.length, 0) === ids.length ? s : undefined;
      },
      'every message of the flood in a submission',
      120_000,
    );
    const all = submitted.flatMap((s) => s.messageIds);
    assert.equal(new Set(all).size, ids.length, 'no message in two listings');
    assert.ok(submitted.every((s) => s.messageIds.length <= 200));
    assert.ok(submitted.length >= 11);
    const runs = await tier.client.workflow
      .getHandle(first.workflowId, first.signaledRunId)
      .describe();
    assert.equal(runs.status.name, 'CONTINUED_AS_NEW', 'the flood made the run hand over');
  });
});
