import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Client, Connection, type WorkflowHandleWithSignaledRunId } from '@temporalio/client';
import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { findTool } from '../../../scripts/services/tools';
import {
  inboundMessageSignal,
  inboundMessagesSignal,
  type IntakeInput,
  type IntakeMessage,
} from '../../../workflows/intake/messages';
import type { intakeWorkflow } from '../../../workflows/intake/intakeWorkflow';
import { intakeWorkflowId } from '../../../workflows/shared/ids';
import { TenantId } from '../../../workflows/shared/searchAttributes';

/**
 * The intake's fast tier: the production intake workflow on the harness's Temporal dev
 * server, with its activities stubbed (no Postgres, no Meta). Temporal's time-skipping test
 * server is a separate download this machine cannot fetch, so windows are short instead
 * (hundreds of milliseconds), which keeps each test to a few seconds.
 */
export interface Submission {
  listingId: string;
  messageIds: string[];
}
export interface Reply {
  kind: string;
  listingId?: string;
  params?: Record<string, unknown>;
}

export interface IntakeTier {
  client: Client;
  taskQueue: string;
  submissions: Submission[];
  replies: Reply[];
  /** Plan refusals: agencies whose submissions create nothing. */
  overPlan: Set<string>;
  /** When set, every reply attempt fails (Meta down) and this counts the attempts. */
  failReplies: { on: boolean; attempts: number };
  close(): Promise<void>;
}

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} };
export const intakeBundle = () =>
  (bundle ??= bundleWorkflowCode({
    workflowsPath: require.resolve('./intakeWorkflows'),
    logger: quiet,
  }));

export async function startIntakeTier(): Promise<IntakeTier> {
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  const taskQueue = `intake-${randomBytes(4).toString('hex')}`;
  const submissions: Submission[] = [];
  const replies: Reply[] = [];
  const overPlan = new Set<string>();
  const failReplies = { on: false, attempts: 0 };
  const activities = {
    async createSubmission(input: { agencyId: string; listingId: string; messageIds: string[] }) {
      if (overPlan.has(input.agencyId))
        return { created: false as const, reason: 'listings', reply: 'Your plan is full.' };
      submissions.push({ listingId: input.listingId, messageIds: input.messageIds });
      return { created: true as const };
    },
    async listingAcceptsCorrections() {
      return false;
    },
    async notifyAgent(input: Reply) {
      if (failReplies.on) {
        failReplies.attempts += 1;
        throw new Error('WhatsApp API answered 503');
      }
      replies.push({ kind: input.kind, listingId: input.listingId, params: input.params });
    },
  };
  const native = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection: native,
    taskQueue,
    workflowBundle: await intakeBundle(),
    activities,
  });
  const running = worker.run();
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  return {
    client,
    taskQueue,
    submissions,
    replies,
    overPlan,
    failReplies,
    async close() {
      worker.shutdown();
      await running;
      await native.close();
      await connection.close();
    },
  };
}

let counter = 0;
export function textMessage(text?: string, kind = 'text'): IntakeMessage {
  counter += 1;
  return {
    id: randomUUID(),
    providerMessageId: `wamid.tier-${counter}`,
    kind,
    ...(text !== undefined ? { text } : {}),
    sentAt: new Date(Date.UTC(2026, 0, 1, 0, 0, counter)).toISOString(),
    arrivalSeq: String(counter),
  };
}

/** Sends messages as the API does: signal-with-start on the agent's intake workflow. */
export async function sendToIntake(
  tier: IntakeTier,
  input: IntakeInput,
  messages: IntakeMessage[],
): Promise<WorkflowHandleWithSignaledRunId<typeof intakeWorkflow>> {
  let handle: WorkflowHandleWithSignaledRunId<typeof intakeWorkflow> | undefined;
  for (const message of messages)
    handle = await tier.client.workflow.signalWithStart<typeof intakeWorkflow, [IntakeMessage]>(
      'intakeWorkflow',
      {
        workflowId: intakeWorkflowId(input.agencyId, input.agentPhone),
        taskQueue: tier.taskQueue,
        args: [input],
        signal: inboundMessageSignal,
        signalArgs: [message],
        typedSearchAttributes: [{ key: TenantId, value: input.agencyId }],
      },
    );
  if (!handle) throw new Error('send at least one message');
  return handle;
}

/** Sends messages as the API does under load: all of them in one batch signal-with-start. */
export function sendBatchToIntake(
  tier: IntakeTier,
  input: IntakeInput,
  messages: IntakeMessage[],
): Promise<WorkflowHandleWithSignaledRunId<typeof intakeWorkflow>> {
  return tier.client.workflow.signalWithStart<typeof intakeWorkflow, [IntakeMessage[]]>(
    'intakeWorkflow',
    {
      workflowId: intakeWorkflowId(input.agencyId, input.agentPhone),
      taskQueue: tier.taskQueue,
      args: [input],
      signal: inboundMessagesSignal,
      signalArgs: [messages],
      typedSearchAttributes: [{ key: TenantId, value: input.agencyId }],
    },
  );
}

export const agentInput = (overrides: Partial<IntakeInput> = {}): IntakeInput => ({
  agencyId: randomUUID(),
  agentPhone: `34600${Math.floor(1e6 + Math.random() * 8e6)}`,
  quietWindowMs: 600,
  ...overrides,
});

/**
 * Writes one run's history where the replay test reads it, when RECORD_HISTORIES=1
 * (`temporal workflow show -o json`: the format Temporal's own tools export).
 */
export function recordHistory(file: string, workflowId: string, runId: string): void {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const json = execFileSync(
    findTool('temporal'),
    [
      'workflow',
      'show',
      '--workflow-id',
      workflowId,
      '--run-id',
      runId,
      '--address',
      process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
      '--output',
      'json',
    ],
    { encoding: 'utf8' },
  );
  writeFileSync(file, json);
}
