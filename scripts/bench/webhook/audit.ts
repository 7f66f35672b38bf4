import type { Client } from '@temporalio/client';
import type { Db } from '../../../lib/db';
import { openGroupQuery } from '../../../workflows/intake/messages';
import { intakeWorkflowId } from '../../../workflows/shared/ids';
import type { BenchAgency } from './database';
import type { SignedMessage } from './load';

export interface DeliveryAudit {
  unique: number;
  rows: number;
  rowsLost: number;
  rowsDuplicated: number;
  rowsNotDispatched: number;
  inWorkflows: number;
  workflowLost: number;
  workflowDuplicated: number;
  workflowMisrouted: number;
  /** Signal events in the intake histories: one per hand-off (a batch carries several messages). */
  signals: number;
  batchSignals: number;
  /** Rows whose hand-off took more than one attempt (the reconciler re-drove them). */
  redriven: number;
}

/**
 * Counts what arrived where: one row per unique message in Postgres, and each message exactly
 * once in its agent's intake workflow (the `openGroup` query), plus how many signals the
 * histories hold (fewer than the messages when hand-offs went in batches) and how many rows took
 * more than one hand-off (re-driven; the workflow drops any repeat by message id).
 */
export async function auditDelivery(
  owner: Db,
  temporal: Client,
  agencies: BenchAgency[],
  messages: SignedMessage[],
): Promise<DeliveryAudit> {
  const sent = new Map(messages.map((m) => [m.providerMessageId, m]));
  const rows: Array<{ provider_message_id: string; state: string; dispatch_attempts: number }> =
    await owner('inbound_messages')
      .whereIn(
        'agency_id',
        agencies.map((a) => a.agencyId),
      )
      .select('provider_message_id', 'state', 'dispatch_attempts');
  const rowIds = new Set(rows.map((r) => r.provider_message_id));

  const inGroups = new Map<string, number>();
  let misrouted = 0;
  let signals = 0;
  let batchSignals = 0;
  for (const agency of agencies) {
    for (const phone of agency.agents) {
      const handle = temporal.workflow.getHandle(intakeWorkflowId(agency.agencyId, phone));
      const view = await handle.query(openGroupQuery);
      for (const m of view.messages) {
        inGroups.set(m.providerMessageId, (inGroups.get(m.providerMessageId) ?? 0) + 1);
        if (sent.get(m.providerMessageId)?.agentPhone !== phone) misrouted += 1;
      }
      const history = await handle.fetchHistory();
      for (const e of history.events ?? []) {
        const name = e.workflowExecutionSignaledEventAttributes?.signalName;
        if (name === 'inboundMessage') signals += 1;
        if (name === 'inboundMessages') {
          signals += 1;
          batchSignals += 1;
        }
      }
    }
  }
  const total = [...inGroups.values()].reduce((a, b) => a + b, 0);
  return {
    unique: sent.size,
    rows: rows.length,
    rowsLost: [...sent.keys()].filter((id) => !rowIds.has(id)).length,
    rowsDuplicated: rows.length - rowIds.size,
    rowsNotDispatched: rows.filter((r) => r.state !== 'dispatched').length,
    inWorkflows: inGroups.size,
    workflowLost: [...sent.keys()].filter((id) => !inGroups.has(id)).length,
    workflowDuplicated: total - inGroups.size,
    workflowMisrouted: misrouted,
    signals,
    batchSignals,
    redriven: rows.filter((r) => r.dispatch_attempts > 1).length,
  };
}
