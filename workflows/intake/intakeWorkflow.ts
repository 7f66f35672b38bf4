import {
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  ParentClosePolicy,
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
  openGroupQuery,
  type IntakeCarry,
  type IntakeInput,
  type IntakeMessage,
} from './messages';
import { intentOf } from './grouping';
import { listingWorkflow } from '../listing/listingWorkflow';
import { correctionSignal } from '../listing/messages';
import { listingWorkflowId } from '../shared/ids';
import { TenantId } from '../shared/searchAttributes';
import { listingSummary } from '../shared/summaries';

const { createSubmission, listingAcceptsCorrections, notifyAgent } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

const DEFAULT_QUIET_WINDOW_MS = 90_000;
const REMEMBERED_IDS = 1000;

/**
 * One per agency and agent (`intake:{agencyId}:{agentPhone}`): turns the agent's stream of
 * WhatsApp messages into listing submissions. A burst becomes one submission when the agent
 * goes quiet for the window or says they are done; "new listing" closes the burst before it.
 * A reply to, or an explicit correction of, a listing still in review goes to that listing.
 */
export async function intakeWorkflow(input: IntakeInput): Promise<void> {
  const quietWindowMs = input.quietWindowMs ?? DEFAULT_QUIET_WINDOW_MS;
  const inbox: IntakeMessage[] = [];
  let open: IntakeMessage[] = input.carried?.open ?? [];
  const recent: string[] = input.carried?.recentIds ?? [];
  const seen = new Set(recent);
  let last = input.carried?.lastSubmission;

  setHandler(inboundMessageSignal, (message) => {
    // Re-driven deliveries (the reconciler, a retried signal) carry ids we already have.
    if (seen.has(message.id)) return;
    seen.add(message.id);
    recent.push(message.id);
    if (recent.length > REMEMBERED_IDS) seen.delete(recent.shift()!);
    inbox.push(message);
  });
  setHandler(openGroupQuery, () => ({
    messages: open,
    texts: open.filter((m) => m.kind === 'text').length,
    media: open.filter((m) => m.kind !== 'text').length,
    ...(last ? { lastSubmissionListingId: last.listingId } : {}),
  }));

  async function submit(): Promise<void> {
    if (!open.some((m) => intentOf(m.text) !== 'finish')) {
      open = [];
      return;
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
      await notifyAgent({
        agencyId: input.agencyId,
        listingId,
        to: input.agentPhone,
        kind: 'plan_limit',
        params: { text: submission.reply },
      });
      return;
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

  for (;;) {
    if (open.length) {
      const spoke = await condition(() => inbox.length > 0, quietWindowMs);
      if (!spoke) {
        await submit();
        continue;
      }
    } else {
      await condition(() => inbox.length > 0 || workflowInfo().continueAsNewSuggested);
    }

    while (inbox.length) {
      const message = inbox.shift()!;
      const intent = intentOf(message.text);
      if (await tryCorrection(message)) continue;
      if (intent === 'new_listing' && open.length) await submit();
      open.push(message);
      if (intent === 'finish') await submit();
    }

    if (!open.length && !inbox.length && workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      const carried: IntakeCarry = {
        open,
        recentIds: recent,
        ...(last ? { lastSubmission: last } : {}),
      };
      return continueAsNew<typeof intakeWorkflow>({ ...input, carried });
    }
  }
}
