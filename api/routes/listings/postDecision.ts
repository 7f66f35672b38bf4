import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { scope } from '../../scope';
import { validate } from '../../validate';
import { IdParam } from '../users/schemas';
import { ApproveBody, RejectBody } from './schemas';
import { visibleListing } from './access';
import { AppError, ConflictError, ServiceUnavailableError } from '../../errors';
import { updateWorkflow } from '../../../lib/listings/workflowCalls';
import { listingWorkflowId } from '../../../workflows/shared/ids';
import {
  approveUpdate,
  rejectUpdate,
  reopenUpdate,
  type Reviewer,
} from '../../../workflows/listing/reviewMessages';

type Action = 'approve' | 'reject' | 'reopen';
const EXPECTED: Record<Action, string> = {
  approve: 'awaiting_review',
  reject: 'awaiting_review',
  reopen: 'expired',
};

/**
 * POST /v1/listings/:id/{approve,reject,reopen}: the decision goes to the listing's workflow as
 * an update, so the answer says what the workflow did. The workflow writes the status and the
 * audit row; if Temporal is down nothing has changed and the answer is 503.
 */
export function postDecision(deps: ApiDeps, action: Action): Middleware<AppState> {
  return async (ctx) => {
    const s = scope(ctx);
    const { id } = validate(IdParam, ctx.params);
    const body =
      action === 'approve'
        ? validate(ApproveBody, ctx.request.body ?? {})
        : action === 'reject'
          ? validate(RejectBody, ctx.request.body)
          : {};
    const listing = await visibleListing(s, id);
    if (listing.status !== EXPECTED[action]) {
      throw new ConflictError(
        'invalid_status',
        `This listing is ${listing.status}; it can only be ${action === 'reopen' ? 'reopened when expired' : `${action}d while awaiting review`}`,
        { status: listing.status },
      );
    }
    const by: Reviewer = s.principal.actor;
    const requestId = ctx.state.requestId;
    const workflowId = listing.workflow_id ?? listingWorkflowId(listing.agency_id, listing.id);
    const result =
      action === 'approve'
        ? await updateWorkflow(deps.temporal, workflowId, approveUpdate, [
            {
              by,
              requestId,
              ...(body as {
                note?: string;
                overrides?: Array<{ checkId: string; reason: string }>;
              }),
            },
          ])
        : action === 'reject'
          ? await updateWorkflow(deps.temporal, workflowId, rejectUpdate, [
              { by, requestId, reason: (body as { reason: string }).reason },
            ])
          : await updateWorkflow(deps.temporal, workflowId, reopenUpdate, [{ by, requestId }]);
    if (result.ok) {
      ctx.body = { id, status: result.value.status };
      return;
    }
    if (result.reason === 'unavailable')
      throw new ServiceUnavailableError(
        'temporal_unavailable',
        'The workflow service is unreachable; nothing was changed, try again',
      );
    if (result.reason === 'not_running')
      throw new ConflictError('invalid_status', 'This listing is no longer open for decisions', {
        status: listing.status,
      });
    throw new AppError(
      409,
      action === 'approve' && /refused/i.test(result.message)
        ? 'approval_blocked'
        : 'invalid_status',
      result.message,
    );
  };
}
