import { WorkflowIdReusePolicy, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Db } from '../db';
import { TABLES, withTenant } from '../db';
import type { Logger } from '../log';
import type { TemporalHandle } from '../temporal/client';
import { InboundMessage, textOf } from './payload';
import { inboundMessageSignal, type IntakeMessage } from '../../workflows/intake/messages';
import type { intakeWorkflow } from '../../workflows/intake/intakeWorkflow';
import type { unknownSenderWorkflow } from '../../workflows/intake/unknownSenderWorkflow';
import { intakeWorkflowId, unknownSenderWorkflowId } from '../../workflows/shared/ids';
import { TenantId } from '../../workflows/shared/searchAttributes';

export interface DispatchDeps {
  db: Db;
  temporal: TemporalHandle;
  taskQueue: string;
  log: Logger;
  /** Quiet window of newly started intake workflows. */
  quietWindowSeconds: number;
}

interface PendingRow {
  id: string;
  channel_id: string | null;
  provider_message_id: string;
  from_phone: string;
  kind: string;
  payload: unknown;
  sent_at: Date | null;
  received_at: Date;
  sender_id: string | null;
}

/**
 * Hands an agency's pending messages to Temporal, oldest first: a registered sender's message
 * goes to their intake workflow (signal-with-start), an unknown sender gets one polite reply.
 * A row becomes `dispatched` only after Temporal accepted it; if Temporal is down the rows
 * stay pending for the reconciler. A signal that lands twice (accepted, then the row update
 * failed) is dropped by the workflow, which remembers message ids.
 */
export async function dispatchPending(
  deps: DispatchDeps,
  agencyId: string,
  onlyIds?: string[],
): Promise<{ dispatched: number; failed: number }> {
  const rows: PendingRow[] = await withTenant(deps.db, agencyId, (tx) => {
    const q = tx(`${TABLES.inboundMessages} as m`)
      .leftJoin(`${TABLES.users} as u`, function () {
        this.on('u.whatsapp_phone', 'm.from_phone').andOnVal('u.status', '=', 'active');
      })
      .where('m.state', 'pending')
      .select(
        'm.id',
        'm.channel_id',
        'm.provider_message_id',
        'm.from_phone',
        'm.kind',
        'm.payload',
        'm.sent_at',
        'm.received_at',
        'u.id as sender_id',
      )
      .orderBy([
        { column: 'm.sent_at', order: 'asc' },
        { column: 'm.received_at', order: 'asc' },
      ])
      .limit(500);
    return (onlyIds ? q.whereIn('m.id', onlyIds) : q) as Promise<PendingRow[]>;
  });

  let dispatched = 0;
  for (const row of rows) {
    try {
      if (row.sender_id) await signalIntake(deps, agencyId, row);
      else await startUnknownSenderReply(deps, agencyId, row);
      await withTenant(deps.db, agencyId, (tx) =>
        tx(TABLES.inboundMessages)
          .where({ id: row.id, state: 'pending' })
          .update({
            state: row.sender_id ? 'dispatched' : 'ignored',
            state_reason: row.sender_id ? null : 'unknown_sender',
            dispatched_at: tx.fn.now(),
            dispatch_attempts: tx.raw('dispatch_attempts + 1'),
          }),
      );
      dispatched += 1;
    } catch (err) {
      deps.log.warn(
        { err, agencyId, messageId: row.id },
        'could not hand message to Temporal; it stays pending',
      );
      await withTenant(deps.db, agencyId, (tx) =>
        tx(TABLES.inboundMessages)
          .where({ id: row.id })
          .update({ dispatch_attempts: tx.raw('dispatch_attempts + 1') }),
      ).catch(() => undefined);
      // Keep the order: a later message must not overtake an earlier one.
      return { dispatched, failed: rows.length - dispatched };
    }
  }
  return { dispatched, failed: 0 };
}

export function toIntakeMessage(
  row: Pick<
    PendingRow,
    'id' | 'provider_message_id' | 'kind' | 'payload' | 'sent_at' | 'received_at'
  >,
): IntakeMessage {
  const parsed = InboundMessage.safeParse(row.payload);
  const text = parsed.success ? textOf(parsed.data) : undefined;
  const replyTo = parsed.success ? parsed.data.context?.id : undefined;
  return {
    id: row.id,
    providerMessageId: row.provider_message_id,
    kind: row.kind,
    ...(text ? { text } : {}),
    ...(replyTo ? { replyTo } : {}),
    sentAt: (row.sent_at ?? row.received_at).toISOString(),
  };
}

// A down Temporal must not hold a webhook's hand-off (or a reconciler pass) for long.
const TEMPORAL_CALL_BUDGET_MS = 5000;
const bounded = <T>(deps: DispatchDeps, call: () => Promise<T>) =>
  deps.temporal.connection.withDeadline(Date.now() + TEMPORAL_CALL_BUDGET_MS, call);

async function signalIntake(deps: DispatchDeps, agencyId: string, row: PendingRow): Promise<void> {
  await bounded(deps, () =>
    deps.temporal.client.workflow.signalWithStart<typeof intakeWorkflow, [IntakeMessage]>(
      'intakeWorkflow',
      {
        workflowId: intakeWorkflowId(agencyId, row.from_phone),
        taskQueue: deps.taskQueue,
        args: [
          { agencyId, agentPhone: row.from_phone, quietWindowMs: deps.quietWindowSeconds * 1000 },
        ],
        signal: inboundMessageSignal,
        signalArgs: [toIntakeMessage(row)],
        typedSearchAttributes: [{ key: TenantId, value: agencyId }],
      },
    ),
  );
}

async function startUnknownSenderReply(
  deps: DispatchDeps,
  agencyId: string,
  row: PendingRow,
): Promise<void> {
  try {
    await bounded(deps, () =>
      deps.temporal.client.workflow.start<typeof unknownSenderWorkflow>('unknownSenderWorkflow', {
        // One reply per number, ever: the id is never reused.
        workflowId: unknownSenderWorkflowId(agencyId, row.from_phone),
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        taskQueue: deps.taskQueue,
        args: [{ agencyId, phone: row.from_phone, channelId: row.channel_id }],
        typedSearchAttributes: [{ key: TenantId, value: agencyId }],
      }),
    );
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
  }
}
