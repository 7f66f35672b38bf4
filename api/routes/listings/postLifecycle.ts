import type { Middleware } from 'koa';
import { z } from 'zod';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { inTenant } from '../../scope';
import { validate } from '../../validate';
import { IdParam } from '../users/schemas';
import { visibleListing } from './access';
import { answerCommand } from './answerCommand';
import { commandListing } from '../../../lib/listings/workflowCalls';
import { listingWorkflowId } from '../../../workflows/shared/ids';
import {
  archiveUpdate,
  republishUpdate,
  retryPublishUpdate,
} from '../../../workflows/listing/publishingMessages';

type Action = 'archive' | 'republish' | 'retry-publish';

export const ArchiveBody = z.object({ reason: z.enum(['sold', 'withdrawn']) }).strict();

/**
 * POST /v1/listings/:id/{archive,republish,retry-publish}: lifecycle commands after approval,
 * sent to the listing's workflow as Updates; it checks the status (transitions.ts) and applies
 * them in order. 200 with the status once applied; 202 (with `Location`) while WordPress is
 * still being worked on; 409 with the workflow's reason; 503 when Temporal is unreachable.
 */
export function postLifecycle(deps: ApiDeps, action: Action): Middleware<AppState> {
  return async (ctx) => {
    const { id } = validate(IdParam, ctx.params);
    const body = action === 'archive' ? validate(ArchiveBody, ctx.request.body) : undefined;
    // Short transactions on either side of the Update: none is held while Temporal works.
    const listing = await inTenant(ctx, (s) => visibleListing(s, id));
    const request = { by: ctx.state.principal!.actor, requestId: ctx.state.requestId };
    const workflowId = listing.workflow_id ?? listingWorkflowId(listing.agency_id, id);
    const answer =
      action === 'archive'
        ? await commandListing(deps.temporal, workflowId, archiveUpdate, [
            { ...request, reason: body!.reason },
          ])
        : await commandListing(
            deps.temporal,
            workflowId,
            action === 'republish' ? republishUpdate : retryPublishUpdate,
            [request],
          );
    await inTenant(ctx, async (s) => {
      await s.audit({
        action: `listing.${action.replace('-', '_')}_requested`,
        target: { type: 'listing', id },
        data: body ?? {},
      });
      await answerCommand(ctx, s, id, answer);
    });
  };
}
