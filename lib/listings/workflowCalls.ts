import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { UpdateDefinition, SignalDefinition } from '@temporalio/common';
import type { TemporalHandle } from '../temporal/client';

export type WorkflowCallResult<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'rejected'; message: string }
  | { ok: false; reason: 'not_running' }
  | { ok: false; reason: 'unavailable'; message: string };

// The API answers within a request; a Temporal that does not answer by then is "unavailable".
const CALL_BUDGET_MS = 10_000;

/**
 * Runs an update on a listing's workflow and sorts the outcome into what the API must say:
 * the workflow refused (its validator or handler), the run is gone, or Temporal is down.
 */
export async function updateWorkflow<Ret, Args extends [unknown, ...unknown[]]>(
  temporal: TemporalHandle,
  workflowId: string,
  update: UpdateDefinition<Ret, Args>,
  args: Args,
): Promise<WorkflowCallResult<Ret>> {
  try {
    const value = await temporal.connection.withDeadline(Date.now() + CALL_BUDGET_MS, () =>
      temporal.client.workflow.getHandle(workflowId).executeUpdate(update, { args }),
    );
    return { ok: true, value };
  } catch (err) {
    return classify(err);
  }
}

export async function signalWorkflow<Args extends unknown[]>(
  temporal: TemporalHandle,
  workflowId: string,
  signal: SignalDefinition<Args>,
  args: Args,
): Promise<WorkflowCallResult<void>> {
  try {
    await temporal.connection.withDeadline(Date.now() + CALL_BUDGET_MS, () =>
      temporal.client.workflow.getHandle(workflowId).signal(signal, ...args),
    );
    return { ok: true, value: undefined };
  } catch (err) {
    return classify(err);
  }
}

function classify(err: unknown): WorkflowCallResult<never> {
  if (err instanceof WorkflowUpdateFailedError) {
    const cause = err.cause as { message?: string } | undefined;
    return { ok: false, reason: 'rejected', message: cause?.message ?? err.message };
  }
  if (err instanceof WorkflowNotFoundError) return { ok: false, reason: 'not_running' };
  return {
    ok: false,
    reason: 'unavailable',
    message: err instanceof Error ? err.message : String(err),
  };
}
