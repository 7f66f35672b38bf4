import { ApplicationFailure } from '@temporalio/workflow';
import type { ListingStatus } from './messages';
import { decide, type ListingCommand } from './transitions';

/**
 * The failure types a listing's Updates answer with; the API maps them by type, never by
 * message (api/temporalFailures.ts). Details carry `{ code, status }` for the 409 body.
 */
export const FailureTypes = {
  /** The status table refused the command (workflows/listing/transitions.ts). */
  refused: 'ListingCommandRefused',
  /** A blocking check is not fixed or overridden. */
  approvalBlocked: 'ApprovalBlocked',
  /** An edit names a draft or photo that is not part of the listing. */
  editInvalid: 'ListingEditInvalid',
} as const;

export interface RefusalDetails {
  code: string;
  status: ListingStatus;
  fields?: Record<string, string>;
}

/** Throws the table's refusal when `command` is not allowed in `status` (for validators). */
export function assertAllowed(status: ListingStatus, command: ListingCommand): void {
  const decision = decide(status, command);
  if (decision.allowed) return;
  throw refusal(FailureTypes.refused, decision.message, { code: decision.code, status });
}

export function refusal(
  type: string,
  message: string,
  details: RefusalDetails,
): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true, details: [details] });
}

/**
 * An edit the save activity refused (a draft or photo of another listing): its own failure,
 * unwrapped from the ActivityFailure, so the API answers 422 with the fields. Anything else
 * is rethrown as it came.
 */
export function editFailureOf(err: unknown): ApplicationFailure | undefined {
  const cause = (err as { cause?: unknown }).cause;
  if (!(cause instanceof ApplicationFailure) || cause.type !== FailureTypes.editInvalid)
    return undefined;
  return ApplicationFailure.create({
    type: FailureTypes.editInvalid,
    message: cause.message,
    nonRetryable: true,
    details: cause.details ? [...cause.details] : [],
  });
}
