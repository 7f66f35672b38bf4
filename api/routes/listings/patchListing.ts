import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { inTenant } from '../../scope';
import { validate } from '../../validate';
import { IdParam } from '../users/schemas';
import { ListingPatch } from './schemas';
import { visibleListing } from './access';
import { listingDetail } from './present';
import { answerCommand } from './answerCommand';
import { ForbiddenError } from '../../errors';
import { commandListing } from '../../../lib/listings/workflowCalls';
import { editUpdate } from '../../../workflows/listing/messages';
import { listingWorkflowId } from '../../../workflows/shared/ids';

/**
 * PATCH /v1/listings/:id: operator edits of fields, title, drafts and photo order/captions.
 * The edit goes to the listing's workflow as an Update, which decides whether the status
 * allows it, saves it (an activity, one short transaction) and then re-checks the drafts in
 * review or republishes after publication: the edit and its consequence cannot race. 200 with
 * the listing, 202 while the republish runs, 409/422 with the workflow's reason, 503 when
 * Temporal is unreachable (then nothing was saved).
 */
export function patchListing(deps: ApiDeps): Middleware<AppState> {
  return async (ctx) => {
    const principal = ctx.state.principal!;
    if (principal.role === 'agent')
      throw new ForbiddenError('Agents correct a listing over WhatsApp; operators edit it here');
    const { id } = validate(IdParam, ctx.params);
    const edit = validate(ListingPatch, ctx.request.body);
    // Short transactions on either side of the Update: none is held while Temporal works.
    const listing = await inTenant(ctx, (s) => visibleListing(s, id));
    const workflowId = listing.workflow_id ?? listingWorkflowId(listing.agency_id, id);
    const answer = await commandListing(deps.temporal, workflowId, editUpdate, [
      { by: principal.actor, edit, requestId: ctx.state.requestId },
    ]);
    await inTenant(ctx, (s) =>
      answerCommand(ctx, s, id, answer, async () =>
        listingDetail(deps, s.tx, await visibleListing(s, id)),
      ),
    );
  };
}
