import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { scope } from '../../scope';
import { validate } from '../../validate';
import { IdParam } from '../users/schemas';
import { ListingPatch } from './schemas';
import { visibleListing } from './access';
import { listingDetail } from './present';
import {
  ConflictError,
  ForbiddenError,
  ServiceUnavailableError,
  ValidationError,
} from '../../errors';
import { TABLES } from '../../../lib/db';
import { columnsOfEdits, fieldsOfRow, type ResoField } from '../../../lib/listings/resoFields';
import { signalWorkflow } from '../../../lib/listings/workflowCalls';
import { editedSignal } from '../../../workflows/listing/reviewMessages';
import { updateSignal } from '../../../workflows/listing/publishingMessages';
import { listingWorkflowId } from '../../../workflows/shared/ids';

// In review the workflow re-checks; after publication it republishes the post.
const EDITABLE = ['awaiting_review', 'published', 'archived', 'failed'];

/**
 * PATCH /v1/listings/:id: operator edits of fields, title, drafts and photo order/captions
 * while the listing awaits review. Edited fields are remembered in `extras.operatorEdits` so a
 * later correction from the agent does not overwrite them; the workflow is told to re-check.
 * The edit and the signal succeed together or not at all (the transaction rolls back).
 */
export function patchListing(deps: ApiDeps): Middleware<AppState> {
  return async (ctx) => {
    const s = scope(ctx);
    if (s.principal.role === 'agent')
      throw new ForbiddenError('Agents correct a listing over WhatsApp; operators edit it here');
    const { id } = validate(IdParam, ctx.params);
    const patch = validate(ListingPatch, ctx.request.body);
    const listing = await visibleListing(s, id);
    if (!EDITABLE.includes(listing.status)) {
      throw new ConflictError(
        'invalid_status',
        `This listing is ${listing.status}; it can be edited in review or after publication`,
        { status: listing.status },
      );
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const update: Record<string, unknown> = {};
    if (patch.fields) {
      const before = fieldsOfRow(listing);
      Object.assign(update, columnsOfEdits(patch.fields));
      for (const [name, to] of Object.entries(patch.fields)) {
        if (to !== undefined && before[name as ResoField] !== to)
          changes[name] = { from: before[name as ResoField], to };
      }
    }
    if (patch.title !== undefined) {
      changes.title = { from: listing.title, to: patch.title };
      update.title = patch.title;
    }
    const edited = [
      ...Object.keys(patch.fields ?? {}),
      ...(patch.title !== undefined ? ['title'] : []),
    ];
    if (edited.length) {
      // Remembered so a later correction from the agent does not overwrite the operator.
      const extras = listing.extras as { operatorEdits?: Record<string, boolean> };
      const operatorEdits = {
        ...(extras.operatorEdits ?? {}),
        ...Object.fromEntries(edited.map((k) => [k, true])),
      };
      update.extras = JSON.stringify({ ...listing.extras, operatorEdits });
    }
    if (Object.keys(update).length)
      await s
        .tx(TABLES.listings)
        .where({ id })
        .update({ ...update, updated_at: s.tx.fn.now() });

    for (const draft of patch.drafts ?? []) {
      const n = await s
        .tx(TABLES.drafts)
        .where({ id: draft.id, listing_id: id })
        .update({ content: draft.content, status: 'edited', updated_at: s.tx.fn.now() });
      if (!n)
        throw new ValidationError({ [`/drafts`]: `Draft ${draft.id} is not part of this listing` });
      changes[`draft:${draft.id}`] = { from: null, to: 'edited' };
    }
    for (const photo of patch.photos ?? []) {
      const n = await s
        .tx(TABLES.listingAssets)
        .where({ id: photo.id, listing_id: id })
        .update({
          ...(photo.order !== undefined ? { order: photo.order } : {}),
          ...(photo.caption !== undefined ? { long_description: photo.caption } : {}),
          updated_at: s.tx.fn.now(),
        });
      if (!n)
        throw new ValidationError({ [`/photos`]: `Photo ${photo.id} is not part of this listing` });
      changes[`photo:${photo.id}`] = {
        from: null,
        to: { order: photo.order, caption: photo.caption },
      };
    }
    await s.audit({ action: 'listing.edited', target: { type: 'listing', id }, data: { changes } });

    const workflowId = listing.workflow_id ?? listingWorkflowId(listing.agency_id, id);
    const signalled =
      listing.status === 'awaiting_review'
        ? await signalWorkflow(deps.temporal, workflowId, editedSignal, [{ by: s.principal.actor }])
        : await signalWorkflow(deps.temporal, workflowId, updateSignal, [
            { by: s.principal.actor, requestId: ctx.state.requestId },
          ]);
    if (!signalled.ok && signalled.reason === 'unavailable') {
      throw new ServiceUnavailableError(
        'temporal_unavailable',
        'The workflow service is unreachable; nothing was changed, try again',
      );
    }
    ctx.body = await listingDetail(deps, s.tx, await visibleListing(s, id));
  };
}
