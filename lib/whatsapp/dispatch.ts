import { WorkflowIdReusePolicy, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { Db } from '../db';
import { TABLES, withTenant } from '../db';
import { GroupCommit } from '../runtime/groupCommit';
import type { FairGate } from '../runtime/fairGate';
import type { Logger } from '../log';
import type { TemporalHandle } from '../temporal/client';
import { InboundMessage, referencedMessageId, textOf } from './payload';
import {
  inboundMessageSignal,
  inboundMessagesSignal,
  type BurstLimits,
  type IntakeInput,
  type IntakeMessage,
} from '../../workflows/intake/messages';
import type { intakeWorkflow } from '../../workflows/intake/intakeWorkflow';
import type { unknownSenderWorkflow } from '../../workflows/intake/unknownSenderWorkflow';
import { intakeWorkflowId, unknownSenderWorkflowId } from '../../workflows/shared/ids';
import { TenantId } from '../../workflows/shared/searchAttributes';
import { intakeSummary } from '../../workflows/shared/summaries';

export interface DispatchDeps {
  db: Db;
  temporal: TemporalHandle;
  taskQueue: string;
  log: Logger;
  /** Quiet window of newly started intake workflows. */
  quietWindowSeconds: number;
  /** The most one burst may hold (INTAKE_MAX_MESSAGES, INTAKE_MAX_PHOTOS); the workflow's own when unset. */
  burstLimits?: BurstLimits;
  /** Bounds this process's calls to Temporal, shared fairly between agencies (HANDOFF_CONCURRENCY). */
  handOffs?: FairGate;
  /** Several messages of one agent in one signal (HANDOFF_BATCH_SIGNAL); one signal each when unset. */
  batchSignal?: boolean;
}

/** An inbound message as the hand-off needs it; `sender_id` is the agent it came from, if any. */
export interface InboundRow {
  id: string;
  channel_id: string | null;
  provider_message_id: string;
  from_phone: string;
  kind: string;
  payload: unknown;
  sent_at: Date | null;
  received_at: Date;
  /** Postgres's order of arrival (a bigint, as text): breaks ties within one second. */
  arrival_seq: string;
  sender_id: string | null;
}

/**
 * Hands an agency's pending messages to Temporal, oldest first (the reconciler's pass, and any
 * re-drive). See `dispatchRows` for what happens to each.
 */
export async function dispatchPending(
  deps: DispatchDeps,
  agencyId: string,
  onlyIds?: string[],
): Promise<{ dispatched: number; failed: number }> {
  const rows: InboundRow[] = await withTenant(deps.db, agencyId, (tx) => {
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
        'm.arrival_seq',
        'u.id as sender_id',
      )
      .orderBy([
        { column: 'm.sent_at', order: 'asc' },
        { column: 'm.arrival_seq', order: 'asc' },
      ])
      .limit(500);
    return (onlyIds ? q.whereIn('m.id', onlyIds) : q) as Promise<InboundRow[]>;
  });
  return dispatchRows(deps, agencyId, rows);
}

/**
 * Hands messages to Temporal, each sender's in the order given: a registered sender's messages
 * go to their intake workflow (signal-with-start, up to `SIGNAL_BATCH` in one signal when
 * `batchSignal` is on), an unknown sender gets one polite reply. The webhook passes the rows it
 * has just committed (nothing to read back); the reconciler passes what it found pending. Rows
 * become `dispatched` only after Temporal accepted them (recorded together with other
 * hand-offs that finish at the same moment); if Temporal is down they stay pending for the
 * reconciler, and so does everything after them. A signal that lands twice (accepted, then the
 * row update was lost) is dropped by the workflow, which remembers message ids.
 */
export async function dispatchRows(
  deps: DispatchDeps,
  agencyId: string,
  rows: InboundRow[],
): Promise<{ dispatched: number; failed: number }> {
  const handed: InboundRow[] = [];
  let failed: InboundRow | undefined;
  handing: for (const senderRows of bySender(rows).values()) {
    for (const batch of handOffBatches(deps, senderRows)) {
      try {
        const handOff = () =>
          batch[0]!.sender_id
            ? signalIntake(deps, agencyId, batch)
            : startUnknownSenderReply(deps, agencyId, batch[0]!);
        await (deps.handOffs ? deps.handOffs.run(agencyId, handOff) : handOff());
        handed.push(...batch);
      } catch (err) {
        deps.log.warn(
          { err, agencyId, messageIds: batch.map((r) => r.id) },
          'could not hand messages to Temporal; they stay pending',
        );
        // Keep the order: a later message must not overtake an earlier one. Temporal is most
        // likely down, so the other senders wait for the reconciler too.
        failed = batch[0];
        break handing;
      }
    }
  }
  if (!handed.length && !failed) return { dispatched: 0, failed: 0 };
  try {
    await markHandOffs(deps.db, agencyId, {
      dispatched: handed.filter((r) => r.sender_id).map((r) => r.id),
      ignored: handed.filter((r) => !r.sender_id).map((r) => r.id),
      attempted: failed ? [failed.id] : [],
    });
  } catch (err) {
    // Temporal has them; the reconciler will re-drive them and the workflow drop the repeats.
    deps.log.warn({ err, agencyId }, 'could not mark messages dispatched');
    return { dispatched: 0, failed: rows.length };
  }
  return { dispatched: handed.length, failed: rows.length - handed.length };
}

/**
 * The most messages one signal carries: a full photo burst (30) with its texts, and about
 * 60 KB of payload, far below Temporal's limits.
 */
const SIGNAL_BATCH = 100;

/** One sender's rows as signals: batches, or one per row when batch signals are off. */
function handOffBatches(deps: DispatchDeps, rows: InboundRow[]): InboundRow[][] {
  // A stranger gets one reply whatever they sent; the rest of their rows ride along.
  if (!rows[0]!.sender_id) return [rows];
  const size = deps.batchSignal ? SIGNAL_BATCH : 1;
  const batches: InboundRow[][] = [];
  for (let i = 0; i < rows.length; i += size) batches.push(rows.slice(i, i + size));
  return batches;
}

/** Rows grouped by the number they came from, each group in the order given. */
export function bySender(rows: InboundRow[]): Map<string, InboundRow[]> {
  const groups = new Map<string, InboundRow[]>();
  for (const row of rows) {
    const group = groups.get(row.from_phone);
    if (group) group.push(row);
    else groups.set(row.from_phone, [row]);
  }
  return groups;
}

interface HandOffMarks {
  dispatched: string[];
  ignored: string[];
  attempted: string[];
}

const markers = new WeakMap<Db, GroupCommit<string, HandOffMarks, void>>();

/**
 * Records hand-offs: agents' messages `dispatched`, strangers' `ignored`, a failed one's
 * attempt counted. Hand-offs that finish together are recorded in one transaction (group
 * commit); a row already moved on (by another pass) is left as it is.
 */
function markHandOffs(db: Db, agencyId: string, marks: HandOffMarks): Promise<void> {
  let marker = markers.get(db);
  if (!marker) {
    marker = new GroupCommit((agency, batch) => writeMarks(db, agency, batch));
    markers.set(db, marker);
  }
  return marker.submit(agencyId, marks);
}

async function writeMarks(db: Db, agencyId: string, batch: HandOffMarks[]): Promise<void[]> {
  const all = (key: keyof HandOffMarks) => batch.flatMap((m) => m[key]);
  await withTenant(db, agencyId, async (tx) => {
    const mark = async (ids: string[], state: 'dispatched' | 'ignored') => {
      if (!ids.length) return;
      await tx(TABLES.inboundMessages)
        .whereIn('id', ids)
        .where({ state: 'pending' })
        .update({
          state,
          state_reason: state === 'ignored' ? 'unknown_sender' : null,
          dispatched_at: tx.fn.now(),
          dispatch_attempts: tx.raw('dispatch_attempts + 1'),
        });
    };
    await mark(all('dispatched'), 'dispatched');
    await mark(all('ignored'), 'ignored');
    if (all('attempted').length)
      await tx(TABLES.inboundMessages)
        .whereIn('id', all('attempted'))
        .update({ dispatch_attempts: tx.raw('dispatch_attempts + 1') });
  });
  return batch.map(() => undefined);
}

// The intake reads only an intent from the words ("done", "new listing", "correction: ..."):
// the start of the text is enough, and the history stays small. The text stays in Postgres.
const INTAKE_TEXT_CHARS = 280;

export function toIntakeMessage(
  row: Pick<
    InboundRow,
    'id' | 'provider_message_id' | 'kind' | 'payload' | 'sent_at' | 'received_at' | 'arrival_seq'
  >,
): IntakeMessage {
  const parsed = InboundMessage.safeParse(row.payload);
  const text = parsed.success ? textOf(parsed.data) : undefined;
  const replyTo = parsed.success ? referencedMessageId(parsed.data) : undefined;
  return {
    id: row.id,
    providerMessageId: row.provider_message_id,
    kind: row.kind,
    ...(text ? { text: text.slice(0, INTAKE_TEXT_CHARS) } : {}),
    ...(replyTo ? { replyTo } : {}),
    sentAt: (row.sent_at ?? row.received_at).toISOString(),
    arrivalSeq: row.arrival_seq,
  };
}

// A down Temporal must not hold a webhook's hand-off (or a reconciler pass) for long.
const TEMPORAL_CALL_BUDGET_MS = 5000;
const bounded = <T>(deps: DispatchDeps, call: () => Promise<T>) =>
  deps.temporal.connection.withDeadline(Date.now() + TEMPORAL_CALL_BUDGET_MS, call);

async function signalIntake(
  deps: DispatchDeps,
  agencyId: string,
  rows: InboundRow[],
): Promise<void> {
  const options = {
    workflowId: intakeWorkflowId(agencyId, rows[0]!.from_phone),
    taskQueue: deps.taskQueue,
    args: [
      {
        agencyId,
        agentPhone: rows[0]!.from_phone,
        quietWindowMs: deps.quietWindowSeconds * 1000,
        ...(deps.burstLimits ? { burstLimits: deps.burstLimits } : {}),
      },
    ] as [IntakeInput],
    typedSearchAttributes: [{ key: TenantId, value: agencyId }],
    ...intakeSummary(agencyId),
  };
  const workflows = deps.temporal.client.workflow;
  await bounded(deps, () =>
    deps.batchSignal
      ? workflows.signalWithStart<typeof intakeWorkflow, [IntakeMessage[]]>('intakeWorkflow', {
          ...options,
          signal: inboundMessagesSignal,
          signalArgs: [rows.map(toIntakeMessage)],
        })
      : workflows.signalWithStart<typeof intakeWorkflow, [IntakeMessage]>('intakeWorkflow', {
          ...options,
          signal: inboundMessageSignal,
          signalArgs: [toIntakeMessage(rows[0]!)],
        }),
  );
}

async function startUnknownSenderReply(
  deps: DispatchDeps,
  agencyId: string,
  row: InboundRow,
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
