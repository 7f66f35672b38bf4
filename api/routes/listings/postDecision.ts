import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { inTenant } from '../../scope';
import { validate } from '../../validate';
import { IdParam } from '../users/schemas';
import { ApproveBody, RejectBody } from './schemas';
import { visibleListing } from './access';
import { answerCommand } from './answerCommand';
import { commandListing } from '../../../lib/listings/workflowCalls';
import { listingWorkflowId } from '../../../workflows/shared/ids';
import {
  approveUpdate,
  rejectUpdate,
  reopenUpdate,
  type Reviewer,
} from '../../../workflows/listing/reviewMessages';

type Action = 'approve' | 'reject' | 'reopen';

/**
 * POST /v1/listings/:id/{approve,reject,reopen}: the decision goes to the listing's workflow
 * as an Update. The workflow alone decides whether the listing's status allows it
 * (workflows/listing/transitions.ts) and writes the status and the audit row; this route
 * checks the input and who may see the listing. 200 with the new status, 202 while it is
 * still being applied, 409 with the workflow's reason, 503 when Temporal is unreachable.
 */
export function postDecision(deps: ApiDeps, action: Action): Middleware<AppState> {
  return async (ctx) => {
    const { id } = validate(IdParam, ctx.params);
    const body =
      action === 'approve'
        ? validate(ApproveBody, ctx.request.body ?? {})
        : action === 'reject'
          ? validate(RejectBody, ctx.request.body)
          : {};
    // Short transactions on either side of the Update: none is held while Temporal works.
    const listing = await inTenant(ctx, (s) => visibleListing(s, id));
    const by: Reviewer = ctx.state.principal!.actor;
    const requestId = ctx.state.requestId;
    const workflowId = listing.workflow_id ?? listingWorkflowId(listing.agency_id, listing.id);
    const answer =
      action === 'approve'
        ? await commandListing(deps.temporal, workflowId, approveUpdate, [
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
          ? await commandListing(deps.temporal, workflowId, rejectUpdate, [
              { by, requestId, reason: (body as { reason: string }).reason },
            ])
          : await commandListing(deps.temporal, workflowId, reopenUpdate, [{ by, requestId }]);
    await inTenant(ctx, (s) => answerCommand(ctx, s, id, answer));
  };
}
