import type { ActivityDeps } from '../deps';
import { TABLES, withTenant } from '../../lib/db';
import { createStoreMedia } from '../media/storeMedia';
import { recordAudit } from '../../lib/audit/auditLog';
import { createSaveListingEdit } from './saveEdit';

export const createListingActivities = (deps: ActivityDeps) => ({
  storeMedia: createStoreMedia(deps),
  saveListingEdit: createSaveListingEdit(deps),

  async setListingStatus(input: {
    agencyId: string;
    listingId: string;
    status: string;
    error?: string;
  }): Promise<void> {
    await withTenant(deps.db, input.agencyId, async (tx) => {
      const before = await tx(TABLES.listings)
        .where({ id: input.listingId })
        .first<{ status: string } | undefined>('status');
      await tx(TABLES.listings)
        .where({ id: input.listingId })
        .update({ status: input.status, last_error: input.error ?? null, updated_at: tx.fn.now() });
      // The listing's timeline shows every move; a retried activity writes no second row.
      if (before && before.status !== input.status) {
        await recordAudit(tx, {
          agencyId: input.agencyId,
          actor: { type: 'system' },
          action: 'listing.status_changed',
          target: { type: 'listing', id: input.listingId },
          data: {
            from: before.status,
            to: input.status,
            ...(input.error ? { error: input.error } : {}),
          },
        });
      }
    });
  },
});
