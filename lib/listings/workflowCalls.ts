import {
  isGrpcDeadlineError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  type WorkflowUpdateHandle,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { temporalIsServing, type TemporalHandle } from '../temporal/client';

/** Temporal's frontend could not be reached: the command was not sent. */
export class TemporalUnreachableError extends Error {
  constructor(cause: unknown) {
    super('The workflow service is unreachable', { cause });
    this.name = 'TemporalUnreachableError';
  }
}

/** The command was applied (`value`), or admitted and still running when the API stopped waiting. */
export type CommandAnswer<T> = { done: true; value: T } | { done: false };

// Admission (the workflow's validator) answers within a request or the call gives up.
const ADMIT_BUDGET_MS = 10_000;
// How long a request waits for an admitted command to finish before answering 202.
const DEFAULT_WAIT_MS = 5_000;

/**
 * Sends an operator command to a listing's workflow as an Update and waits a short while for
 * its result. What can happen, and what the API then says (api/temporalFailures.ts):
 * - the validator refuses: the error (a WorkflowUpdateFailedError) is thrown -> 409;
 * - Temporal cannot be reached: the connection error is thrown, nothing was sent -> 503;
 * - admitted but not finished within `waitMs` (or Temporal took the call and did not answer
 *   in time): `{ done: false }` -> 202 with a link to follow the listing;
 * - finished: `{ done: true, value }`, or the handler's failure is thrown (e.g. approval
 *   blocked by a check) -> 409.
 */
export async function commandListing<Ret, Args extends [unknown, ...unknown[]]>(
  temporal: TemporalHandle,
  workflowId: string,
  update: UpdateDefinition<Ret, Args>,
  args: Args,
  opts: { waitMs?: number } = {},
): Promise<CommandAnswer<Ret>> {
  let handle: WorkflowUpdateHandle<Ret>;
  try {
    handle = await temporal.connection.withDeadline(Date.now() + ADMIT_BUDGET_MS, () =>
      temporal.client.workflow
        .getHandle(workflowId)
        .startUpdate(update, { args, waitForStage: 'ACCEPTED' }),
    );
  } catch (err) {
    if (!(err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadlineError(err)))
      throw err;
    // A connection that never came up also ends in a deadline: ask the frontend whether it
    // serves. If not, nothing was sent; if so, it took the call and the update may yet run.
    if (!(await temporalIsServing(temporal, 1500))) throw new TemporalUnreachableError(err);
    return { done: false };
  }
  const waitMs = opts.waitMs ?? DEFAULT_WAIT_MS;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), waitMs);
  });
  try {
    const result = await Promise.race([
      temporal.connection.withDeadline(Date.now() + waitMs, () => handle.result()),
      late,
    ]);
    return result === 'late' ? { done: false } : { done: true, value: result as Ret };
  } catch (err) {
    // Admitted: a lost answer is "still running", never "nothing was changed".
    if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcDeadlineError(err))
      return { done: false };
    if (err instanceof WorkflowUpdateFailedError) throw err;
    return { done: false };
  } finally {
    clearTimeout(timer);
  }
}
