import { ApplicationFailure } from '@temporalio/common';
import {
  isGrpcServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { AppError } from './errors';
import { TemporalUnreachableError } from '../lib/listings/workflowCalls';
import { FailureTypes, type RefusalDetails } from '../workflows/listing/refusals';

/**
 * The one place that turns Temporal outcomes into API answers (called by the error handler).
 * By failure type and gRPC status, never by message text:
 * - the listing workflow refused the command (its status table, a blocking check, an edit
 *   naming someone else's draft): 409 / 422 with the workflow's reason code;
 * - the listing's workflow is not running: 409 `workflow_closed`;
 * - Temporal could not be reached: 503 `temporal_unavailable`, and nothing was sent.
 * (An update admitted but still running is not a failure: routes answer 202 themselves.)
 */
export function temporalFailureToAppError(err: unknown): AppError | undefined {
  if (err instanceof WorkflowUpdateFailedError) return refusedCommand(err);
  if (err instanceof WorkflowNotFoundError)
    return new AppError(409, 'workflow_closed', 'This listing’s workflow is no longer running');
  if (err instanceof TemporalUnreachableError || isUnavailable(err))
    return new AppError(
      503,
      'temporal_unavailable',
      'The workflow service is unreachable; nothing was sent, try again',
    );
  return undefined;
}

function refusedCommand(err: WorkflowUpdateFailedError): AppError {
  const cause = err.cause;
  if (!(cause instanceof ApplicationFailure))
    return new AppError(409, 'command_refused', cause?.message ?? err.message);
  const details = (cause.details?.[0] ?? {}) as Partial<RefusalDetails>;
  switch (cause.type) {
    case FailureTypes.refused:
      return new AppError(409, details.code ?? 'invalid_status', cause.message, {
        status: details.status,
      });
    case FailureTypes.approvalBlocked:
      return new AppError(409, 'approval_blocked', cause.message, { status: details.status });
    case FailureTypes.editInvalid:
      return new AppError(422, 'validation_failed', 'Some fields are invalid', {
        fields: details.fields ?? {},
      });
    default:
      return new AppError(409, 'command_refused', cause.message);
  }
}

// gRPC status code 14, UNAVAILABLE: the frontend refused or dropped the connection.
const GRPC_UNAVAILABLE = 14;

function isUnavailable(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (isGrpcServiceError(e) && Number(e.code) === GRPC_UNAVAILABLE) return true;
  }
  return false;
}
