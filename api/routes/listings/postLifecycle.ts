import type { Middleware } from 'koa';
import { z } from 'zod';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { scope } from '../../scope';
import { validate } from '../../validate';
import { IdParam } from '../users/schemas';
import { visibleListing } from './access';
import { ConflictError, ServiceUnavailableError } from '../../errors';
import { signalWorkflow } from '../../../lib/listings/workflowCalls';
import { listingWorkflowId } from '../../../workflows/shared/ids';
import {
  archiveSignal,
  republishSignal,
  retryPublishSignal,
} from '../../../workflows/listing/publishingMessages';

type Action = 'archive' | 'republish' | 'retry-publish';

/** The statuses each action makes sense in, after approval. */
const ALLOWED: Record<Action, string[]> = {
  archive: ['published', 'failed'],
  republish: ['published', 'archived', 'approved'],
  'retry-publish': ['failed'],
};

const ArchiveBody = z.object({ reason: z.enum(['sold', 'withdrawn']) }).strict();

/**
 * POST /v1/listings/:id/{archive,republish,retry-publish}: lifecycle commands after approval,
 * sent to the listing's workflow as signals; it applies them in order (answer 202).
 */
export function postLifecycle(deps: ApiDeps, action: Action): Middleware<AppState> {
  return async (ctx) => {
    const s = scope(ctx);
    const { id } = validate(IdParam, ctx.params);
    const body = action === 'archive' ? validate(ArchiveBody, ctx.request.body) : undefined;
    const listing = await visibleListing(s, id);
    if (!ALLOWED[action].includes(listing.status)) {
      throw new ConflictError(
        'invalid_status',
        `This listing is ${listing.status}; ${action} applies when it is ${ALLOWED[action].join(' or ')}`,
        { status: listing.status },
      );
    }
    const request = { by: s.principal.actor, requestId: ctx.state.requestId };
    const workflowId = listing.workflow_id ?? listingWorkflowId(listing.agency_id, id);
    const sent =
      action === 'archive'
        ? await signalWorkflow(deps.temporal, workflowId, archiveSignal, [
            { ...request, reason: body!.reason },
          ])
        : await signalWorkflow(
            deps.temporal,
            workflowId,
            action === 'republish' ? republishSignal : retryPublishSignal,
            [request],
          );
    if (!sent.ok) {
      if (sent.reason === 'unavailable')
        throw new ServiceUnavailableError(
          'temporal_unavailable',
          'The workflow service is unreachable; nothing was changed, try again',
        );
      throw new ConflictError('invalid_status', 'This listing is no longer open for changes', {
        status: listing.status,
      });
    }
    await s.audit({
      action: `listing.${action.replace('-', '_')}_requested`,
      target: { type: 'listing', id },
      data: body ?? {},
    });
    ctx.status = 202;
    ctx.body = { id, accepted: action };
  };
}
