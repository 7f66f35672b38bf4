import {
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  uuid4,
  workflowInfo,
  allHandlersFinished,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import {
  inboundMessageSignal,
  inboundMessagesSignal,
  openGroupQuery,
  type BurstLimits,
  type IntakeCarry,
  type IntakeInput,
  type IntakeMessage,
} from './messages';
import { intentOf } from './grouping';
import { bySenderOrder, DEFAULT_REORDER_WINDOW_MS, readTickAfter } from './senderOrder';
import { listingWorkflow } from '../listing/listingWorkflow';
import { correctionSignal } from '../listing/messages';
import { listingWorkflowId } from '../shared/ids';
import { TenantId } from '../shared/searchAttributes';
import { listingSummary } from '../shared/summaries';

const { createSubmission, listingAcceptsCorrections } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
// Replies to the agent run beside the flow with a bounded retry: a Meta outage, a revoked
// token or a wrong number delays no burst and no listing; the activity records the failure.
const { notifyAgent } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute', maximumAttempts: 8 },
});

const DEFAULT_QUIET_WINDOW_MS = 90_000;
const DEFAULT_BURST_LIMITS: BurstLimits = { maxMessages: 200, maxPhotos: 30 };
// Well under Temporal's 50K-event hard limit, and a replay of the run stays quick.
const DEFAULT_MAX_HISTORY_EVENTS = 10_000;
const REMEMBERED_IDS = 1000;
const MEDIA_KINDS = new Set(['image', 'document', 'video']);

/**
 * One per agency and agent (`intake:{agencyId}:{senderKey}`): turns the agent's stream of
 * WhatsApp messages into listing submissions. A burst becomes one submission when the agent
 * goes quiet for the window or says they are done; "new listing" closes the burst before it.
 * A burst that reaches the limit (200 messages or 30 photos by default) is closed there and
 * the agent told, so no listing schedules thousands of activities. A reply to, or an explicit
 * correction of, a listing still in review goes to that listing.
 *
 * The run lives for months, so it continues as new whenever its history grows long, even in
 * the middle of a burst: the open group, unread messages and the quiet window's start are
 * carried as plain JSON.
 */
export async function intakeWorkflow(input: IntakeInput): Promise<void> {
  const quietWindowMs = input.quietWindowMs ?? DEFAULT_QUIET_WINDOW_MS;
  const reorderWindowMs = input.reorderWindowMs ?? DEFAULT_REORDER_WINDOW_MS;
  const limits = input.burstLimits ?? DEFAULT_BURST_LIMITS;
  const maxHistoryEvents = input.maxHistoryEvents ?? DEFAULT_MAX_HISTORY_EVENTS;
  const inbox: IntakeMessage[] = [...(input.carried?.inbox ?? [])];
  const arrivedAt = new Map(Object.entries(input.carried?.inboxArrivedAt ?? {}));
  // Runs started before the intake read in sender order took the inbox as signals came.
  const inSenderOrder = patched('sender-order');
  // Runs started before this woke on every arrival, cancelling and restarting the window's
  // timer each time (an arrival later in sender order cannot change what is read next), and
  // read each message at its own moment.
  const wakeOnNewHeadOnly = inSenderOrder && patched('sender-order-head');
  let open: IntakeMessage[] = input.carried?.open ?? [];
  let lastArrivalAt = input.carried?.lastArrivalAt ?? Date.now();
  const recent: string[] = input.carried?.recentIds ?? [];
  const seen = new Set(recent);
  let last = input.carried?.lastSubmission;
  const replies = new Set<Promise<void>>();
  // Signals received and messages read by this run: a run hands over only after doing some
  // work, so a low threshold can never make runs continue as new in a loop.
  let work = 0;

  const receive = (message: IntakeMessage) => {
    // Re-driven deliveries (the reconciler, a retried signal) carry ids we already have.
    if (seen.has(message.id)) return;
    seen.add(message.id);
    recent.push(message.id);
    if (recent.length > REMEMBERED_IDS) seen.delete(recent.shift()!);
    inbox.push(message);
    arrivedAt.set(message.id, Date.now());
  };
  setHandler(inboundMessageSignal, (message) => {
    work += 1;
    receive(message);
  });
  // A new signal needs no patch: old histories never carry it, so they replay as they ran.
  setHandler(inboundMessagesSignal, (messages) => {
    work += 1;
    for (const message of messages) receive(message);
  });
  const mediaIn = (messages: IntakeMessage[]) =>
    messages.filter((m) => MEDIA_KINDS.has(m.kind)).length;
  setHandler(openGroupQuery, () => ({
    messages: open,
    texts: open.filter((m) => m.kind === 'text').length,
    media: open.filter((m) => m.kind !== 'text').length,
    ...(last ? { lastSubmissionListingId: last.listingId } : {}),
  }));

  const handOverDue = () => {
    const info = workflowInfo();
    return work > 0 && (info.continueAsNewSuggested || info.historyLength >= maxHistoryEvents);
  };

  /** Sends a reply without waiting for it; the run waits for open replies only to hand over. */
  function replyBesideTheFlow(reply: Parameters<typeof notifyAgent>[0]): void {
    const sent = notifyAgent(reply).then(
      () => undefined,
      (err: unknown) => log.warn('reply to the agent failed for good', { kind: reply.kind, err }),
    );
    replies.add(sent);
    void sent.then(() => replies.delete(sent));
  }

  async function submit(): Promise<string | undefined> {
    if (!open.some((m) => intentOf(m.text) !== 'finish')) {
      open = [];
      return undefined;
    }
    const listingId = uuid4();
    const messages = open;
    open = [];
    const submission = await createSubmission({
      agencyId: input.agencyId,
      listingId,
      agentPhone: input.agentPhone,
      messageIds: messages.map((m) => m.id),
    });
    if (!submission.created) {
      // Over the plan: nothing was created; the agent hears why instead of silence.
      const reply = {
        agencyId: input.agencyId,
        listingId,
        to: input.agentPhone,
        kind: 'plan_limit' as const,
        params: { text: submission.reply },
      };
      // Runs started before replies moved beside the flow waited for this one.
      if (patched('replies-beside-the-flow')) replyBesideTheFlow(reply);
      else await notifyAgent(reply);
      return undefined;
    }
    await startChild(listingWorkflow, {
      workflowId: listingWorkflowId(input.agencyId, listingId),
      args: [
        {
          agencyId: input.agencyId,
          listingId,
          agentPhone: input.agentPhone,
          messageIds: messages.map((m) => m.id),
        },
      ],
      parentClosePolicy: ParentClosePolicy.ABANDON,
      typedSearchAttributes: [{ key: TenantId, value: input.agencyId }],
      ...listingSummary({
        agencyId: input.agencyId,
        listingId,
        source: 'whatsapp',
        messages: messages.length,
      }),
    });
    last = { listingId, providerMessageIds: messages.map((m) => m.providerMessageId) };
    return listingId;
  }

  /** The limit the open group has reached, worded for the agent, if any. */
  function limitReached(): string | undefined {
    if (open.length >= limits.maxMessages) return `${limits.maxMessages} messages`;
    if (mediaIn(open) >= limits.maxPhotos) return `${limits.maxPhotos} photos`;
    return undefined;
  }

  async function tryCorrection(message: IntakeMessage): Promise<boolean> {
    if (!last || open.length) return false;
    const repliesToLast =
      message.replyTo !== undefined && last.providerMessageIds.includes(message.replyTo);
    if (!repliesToLast && intentOf(message.text) !== 'correction') return false;
    if (!(await listingAcceptsCorrections({ agencyId: input.agencyId, listingId: last.listingId })))
      return false;
    try {
      await getExternalWorkflowHandle(listingWorkflowId(input.agencyId, last.listingId)).signal(
        correctionSignal,
        { messageId: message.id },
      );
      return true;
    } catch {
      // The listing's run closed between the check and the signal: treat it as new content.
      return false;
    }
  }

  /**
   * The next message to read: the inbox's earliest in sender order, once it has waited out the
   * reorder window (senderOrder.ts); undefined when the inbox is empty or the run hands over.
   */
  async function nextMessage(): Promise<IntakeMessage | undefined> {
    for (;;) {
      if (!inbox.length || handOverDue()) return undefined;
      if (!inSenderOrder) return inbox.shift();
      inbox.sort(bySenderOrder);
      const first = inbox[0]!;
      const due = (arrivedAt.get(first.id) ?? 0) + reorderWindowMs;
      // On a coarse clock, so that a burst's messages come due together and one timer reads
      // them all, instead of one timer (and one workflow task) per message.
      const left = (wakeOnNewHeadOnly ? readTickAfter(due) : due) - Date.now();
      if (left <= 0) {
        inbox.shift();
        arrivedAt.delete(first.id);
        return first;
      }
      const waiting = inbox.length;
      const headChanged = wakeOnNewHeadOnly
        ? () => inbox.some((m) => bySenderOrder(m, first) < 0)
        : () => inbox.length !== waiting;
      await condition(() => headChanged() || handOverDue(), left);
    }
  }

  for (;;) {
    if (open.length && !inbox.length) {
      const left = lastArrivalAt + quietWindowMs - Date.now();
      const woken = await condition(() => inbox.length > 0 || handOverDue(), Math.max(1, left));
      if (!woken) {
        await submit();
        continue;
      }
    } else if (!inbox.length) {
      await condition(() => inbox.length > 0 || handOverDue());
    }

    for (let message = await nextMessage(); message; message = await nextMessage()) {
      work += 1;
      const intent = intentOf(message.text);
      if (await tryCorrection(message)) continue;
      if (intent === 'new_listing' && open.length) await submit();
      open.push(message);
      lastArrivalAt = Date.now();
      if (intent === 'finish') {
        await submit();
        continue;
      }
      // Runs started before bursts had a limit never closed one early.
      const limit = patched('burst-limits') ? limitReached() : undefined;
      if (limit) {
        const listingId = await submit();
        if (listingId)
          replyBesideTheFlow({
            agencyId: input.agencyId,
            listingId,
            to: input.agentPhone,
            kind: 'burst_limit',
            params: { limit },
          });
      }
    }

    if (handOverDue()) {
      await condition(allHandlersFinished);
      await Promise.all(replies);
      const carried: IntakeCarry = {
        open,
        inbox,
        inboxArrivedAt: Object.fromEntries(arrivedAt),
        lastArrivalAt,
        recentIds: recent,
        ...(last ? { lastSubmission: last } : {}),
      };
      return continueAsNew<typeof intakeWorkflow>({ ...input, carried });
    }
  }
}
