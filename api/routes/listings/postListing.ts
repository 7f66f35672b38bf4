import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { inTenant } from '../../scope';
import { AppError, ServiceUnavailableError, UnauthorizedError } from '../../errors';
import { inTenantSlot } from '../../tenantSlot';
import { TenantConcurrency } from '../../../lib/limits/tenantConcurrency';
import {
  discardAppSubmission,
  recordAppSubmission,
  storeAppPhoto,
  type StoredPhoto,
} from '../../../lib/listings/appSubmission';
import { readSubmissionForm } from './submissionForm';
import { PlanLimitError } from '../../planLimitError';
import type { listingWorkflow } from '../../../workflows/listing/listingWorkflow';
import { listingWorkflowId } from '../../../workflows/shared/ids';
import { TenantId } from '../../../workflows/shared/searchAttributes';
import { listingSummary } from '../../../workflows/shared/summaries';

// A down Temporal must not hold the upload's answer for long; the client retries.
const TEMPORAL_CALL_BUDGET_MS = 5000;
// Uploads one agency may have in flight in this process; more are 429 `concurrency_limit`.
const UPLOADS_PER_AGENCY = 4;

/**
 * POST /v1/listings (multipart/form-data: `text` fields and photo files): the app channel. It
 * creates the same submission a WhatsApp burst does, with the same limits: the listing, its
 * messages and stored photos, then the listing workflow. The agency's plan counts it like a
 * WhatsApp submission (402 `plan_limit` when over). The submission is committed in its own
 * transaction before the workflow starts (the workflow reads it at once); if Temporal cannot
 * take it, the submission is removed again and the answer is 503, so a retry never leaves a
 * second copy (its usage stays metered: the ledger is append-only).
 *
 * No database connection is held while the body arrives: photos go to storage as they come,
 * then one short transaction records the submission (and reads the submitter's number), and
 * the workflow is started after it has committed. A slow client costs a socket and one photo's
 * memory, never a pooled connection, and one agency has at most a few uploads in flight.
 */
export function postListing(deps: ApiDeps): Middleware<AppState> {
  const uploads = new TenantConcurrency('uploads', UPLOADS_PER_AGENCY);
  return async (ctx) => {
    const principal = ctx.state.principal;
    if (!principal) throw new UnauthorizedError();
    if (!ctx.is('multipart/form-data')) {
      throw new AppError(
        415,
        'unsupported_media_type',
        'Send the listing as multipart/form-data: text fields and photo files',
      );
    }
    await inTenantSlot(uploads, principal.agencyId, () => submit(deps, ctx, principal));
  };
}

async function submit(
  deps: ApiDeps,
  ctx: Parameters<Middleware<AppState>>[0],
  principal: NonNullable<AppState['principal']>,
): Promise<void> {
  const { agencyId } = principal;
  const listingId = randomUUID();
  const workflowId = listingWorkflowId(agencyId, listingId);
  // Indexed by the file's place in the form: photos are stored as they arrive, in any order.
  const slots: Array<StoredPhoto | undefined> = [];
  const stored = () => slots.filter((p): p is StoredPhoto => p !== undefined);
  const discard = () =>
    discardAppSubmission(
      deps.db,
      deps.storage,
      agencyId,
      listingId,
      stored().map((p) => p.storageKey),
    ).catch((err: unknown) =>
      ctx.state.log.error({ err, listingId }, 'could not discard an app submission'),
    );

  let texts: string[];
  try {
    ({ texts } = await readSubmissionForm(ctx.req, ctx.headers, async (photo) => {
      slots[photo.position] = await storeAppPhoto(deps.storage, agencyId, listingId, photo);
    }));
  } catch (err) {
    await discard();
    throw err;
  }

  const photos = stored();
  let recorded: Awaited<ReturnType<typeof recordAppSubmission>>;
  try {
    recorded = await recordAppSubmission(deps.db, {
      agencyId,
      listingId,
      agentUserId: principal.userId,
      workflowId,
      texts,
      photos,
    });
  } catch (err) {
    await discard();
    throw err;
  }
  if (!recorded.ok) {
    await discard();
    throw new PlanLimitError(recorded.denial);
  }
  const { messageIds, agentPhone } = recorded;
  try {
    await deps.temporal.connection.withDeadline(Date.now() + TEMPORAL_CALL_BUDGET_MS, () =>
      deps.temporal.client.workflow.start<typeof listingWorkflow>('listingWorkflow', {
        workflowId,
        taskQueue: deps.config.TASK_QUEUE_LISTINGS,
        args: [{ agencyId, listingId, agentPhone: agentPhone ?? '', messageIds, source: 'app' }],
        typedSearchAttributes: [{ key: TenantId, value: agencyId }],
        ...listingSummary({ agencyId, listingId, source: 'app', messages: messageIds.length }),
      }),
    );
  } catch (err) {
    ctx.state.log.warn({ err, listingId }, 'could not start the listing workflow');
    await discard();
    throw new ServiceUnavailableError(
      'temporal_unavailable',
      'The listing could not be started; nothing was kept, please send it again',
    );
  }

  await inTenant(ctx, ({ audit }) =>
    audit({
      action: 'listing.submitted',
      target: { type: 'listing', id: listingId },
      data: { source: 'app', texts: texts.length, photos: photos.length },
    }),
  );
  ctx.status = 201;
  ctx.set('Location', `/v1/listings/${listingId}`);
  ctx.body = {
    listing: {
      id: listingId,
      status: 'receiving',
      source: 'app',
      texts: texts.length,
      photos: photos.map((p) => ({ mimeType: p.mime, bytes: p.bytes, sha256: p.sha256 })),
      workflowId,
    },
  };
}
