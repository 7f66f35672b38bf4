import type { ActivityDeps } from '../deps';
import { TABLES, withTenant } from '../../lib/db';
import { createStoreMedia } from '../media/storeMedia';

export const createListingActivities = (deps: ActivityDeps) => ({
  storeMedia: createStoreMedia(deps),

  async setListingStatus(input: {
    agencyId: string;
    listingId: string;
    status: string;
    error?: string;
  }): Promise<void> {
    await withTenant(deps.db, input.agencyId, (tx) =>
      tx(TABLES.listings)
        .where({ id: input.listingId })
        .update({ status: input.status, last_error: input.error ?? null, updated_at: tx.fn.now() }),
    );
  },
});
