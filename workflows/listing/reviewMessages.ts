import { defineSignal, defineUpdate } from '@temporalio/workflow';

/** Who decided, as the API authenticated them. */
export interface Reviewer {
  type: 'user' | 'api_key';
  id: string;
  name?: string;
}

export interface ApprovalInput {
  by: Reviewer;
  note?: string;
  /** Check ids the operator overrides (recorded in the audit log with who and why). */
  overrides?: Array<{ checkId: string; reason: string }>;
  requestId?: string;
}

export interface RejectionInput {
  by: Reviewer;
  reason: string;
  requestId?: string;
}

export interface ReopenInput {
  by: Reviewer;
  requestId?: string;
}

export interface DecisionResult {
  status: string;
}

/**
 * The owner's signals (fire-and-forget, e.g. from automation) and, for the API, updates of
 * the same decisions: their validators answer at once ("this listing is not awaiting review")
 * and nothing invalid enters the history.
 */
export const approveSignal = defineSignal<[ApprovalInput]>('approve');
export const rejectSignal = defineSignal<[RejectionInput]>('reject');
export const approveUpdate = defineUpdate<DecisionResult, [ApprovalInput]>('approveListing');
export const rejectUpdate = defineUpdate<DecisionResult, [RejectionInput]>('rejectListing');
export const reopenUpdate = defineUpdate<DecisionResult, [ReopenInput]>('reopenListing');
/** An operator edited fields or drafts (already saved by the API): re-run the checks. */
export const editedSignal = defineSignal<[{ by: Reviewer }]>('edited');
