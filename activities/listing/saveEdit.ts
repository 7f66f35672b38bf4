import { ApplicationFailure } from '@temporalio/common';
import type { ActivityDeps } from '../deps';
import { TABLES, withTenant } from '../../lib/db';
import { recordAudit } from '../../lib/audit/auditLog';
import { createListingStore } from '../../lib/listings/store';
import {
  columnsOfEdits,
  fieldsOfRow,
  FieldEditsSchema,
  type ResoField,
} from '../../lib/listings/resoFields';
import type { EditInput } from '../../workflows/listing/messages';

/** Thrown inside the transaction so it rolls back; becomes the Update's 422-worthy failure. */
class EditInvalid extends Error {
  constructor(readonly fields: Record<string, string>) {
    super('Some fields are invalid');
  }
}

/**
 * Saves an operator's edit of fields, title, drafts and photo order/captions, run by the
 * listing workflow's edit Update (so the re-check or republish that follows reads the saved
 * row). Edited fields are remembered in `extras.operatorEdits` so a later correction from the
 * agent does not overwrite them. All of it in one short transaction, audited with its diff.
 */
export const createSaveListingEdit =
  (deps: ActivityDeps) =>
  async (input: { agencyId: string; listingId: string } & EditInput): Promise<void> => {
    const { agencyId, listingId: id, edit } = input;
    try {
      await withTenant(deps.db, agencyId, async (tx) => {
        const listing = await createListingStore(tx).get(id);
        if (!listing) throw new EditInvalid({ '/': 'The listing is gone' });
        const changes: Record<string, { from: unknown; to: unknown }> = {};
        const update: Record<string, unknown> = {};
        if (edit.fields) {
          const fields = FieldEditsSchema.parse(edit.fields);
          const before = fieldsOfRow(listing);
          Object.assign(update, columnsOfEdits(fields));
          for (const [name, to] of Object.entries(fields)) {
            if (to !== undefined && before[name as ResoField] !== to)
              changes[name] = { from: before[name as ResoField], to };
          }
        }
        if (edit.title !== undefined) {
          changes.title = { from: listing.title, to: edit.title };
          update.title = edit.title;
        }
        const edited = [
          ...Object.keys(edit.fields ?? {}),
          ...(edit.title !== undefined ? ['title'] : []),
        ];
        if (edited.length) {
          const extras = listing.extras as { operatorEdits?: Record<string, boolean> };
          const operatorEdits = {
            ...(extras.operatorEdits ?? {}),
            ...Object.fromEntries(edited.map((k) => [k, true])),
          };
          update.extras = JSON.stringify({ ...listing.extras, operatorEdits });
        }
        if (Object.keys(update).length)
          await tx(TABLES.listings)
            .where({ id })
            .update({ ...update, updated_at: tx.fn.now() });

        for (const draft of edit.drafts ?? []) {
          const n = await tx(TABLES.drafts)
            .where({ id: draft.id, listing_id: id })
            .update({ content: draft.content, status: 'edited', updated_at: tx.fn.now() });
          if (!n)
            throw new EditInvalid({ '/drafts': `Draft ${draft.id} is not part of this listing` });
          changes[`draft:${draft.id}`] = { from: null, to: 'edited' };
        }
        for (const photo of edit.photos ?? []) {
          const n = await tx(TABLES.listingAssets)
            .where({ id: photo.id, listing_id: id })
            .update({
              ...(photo.order !== undefined ? { order: photo.order } : {}),
              ...(photo.caption !== undefined ? { long_description: photo.caption } : {}),
              updated_at: tx.fn.now(),
            });
          if (!n)
            throw new EditInvalid({ '/photos': `Photo ${photo.id} is not part of this listing` });
          changes[`photo:${photo.id}`] = {
            from: null,
            to: { order: photo.order, caption: photo.caption },
          };
        }
        await recordAudit(tx, {
          agencyId,
          actor: input.by,
          action: 'listing.edited',
          target: { type: 'listing', id },
          data: { changes },
          ...(input.requestId ? { requestId: input.requestId } : {}),
        });
      });
    } catch (err) {
      if (err instanceof EditInvalid)
        throw ApplicationFailure.create({
          type: 'ListingEditInvalid',
          message: err.message,
          nonRetryable: true,
          details: [{ code: 'validation_failed', fields: err.fields }],
        });
      throw err;
    }
  };
