import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { scope } from '../../scope';
import { AppError, ServiceUnavailableError } from '../../errors';
import { createUserStore } from '../../../lib/accounts/userStore';
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

/**
 * POST /v1/listings (multipart/form-data: `text` fields and photo files): the app channel. It
 * creates the same submission a WhatsApp burst does, with the same limits: the listing, its
 * messages and stored photos, then the listing workflow. The agency's plan counts it like a
 * WhatsApp submission (402 `plan_limit` when over). The submission is committed in its own
 * transaction before the workflow starts (the workflow reads it at once); if Temporal cannot
 * take it, the submission is removed again and the answer is 503, so a retry never leaves a
 * second copy (its usage stays metered: the ledger is append-only).
 */
export function postListing(deps: ApiDeps): Middleware<AppState> {
  return async (ctx) => {
    const { tx, principal, audit } = scope(ctx);
    if (!ctx.is('multipart/form-data')) {
      throw new AppError(
        415,
        'unsupported_media_type',
        'Send the listing as multipart/form-data: text fields and photo files',
      );
    }
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
    const user = principal.userId ? await createUserStore(tx).get(principal.userId) : undefined;
    const agentPhone = user?.whatsapp_phone ?? null;
    let recorded: Awaited<ReturnType<typeof recordAppSubmission>>;
    try {
      recorded = await recordAppSubmission(deps.db, {
        agencyId,
        listingId,
        agentUserId: principal.userId,
        agentPhone,
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
    const { messageIds } = recorded;
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

    await audit({
      action: 'listing.submitted',
      target: { type: 'listing', id: listingId },
      data: { source: 'app', texts: texts.length, photos: photos.length },
    });
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
  };
}
