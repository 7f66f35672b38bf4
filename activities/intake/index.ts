import type { ActivityDeps } from '../deps';
import { TABLES, withTenant } from '../../lib/db';

/**
 * Statuses in which an agent's correction still changes the listing before anyone approves it
 * (the listing workflow is running and listens for corrections then).
 */
const CORRECTABLE = ['drafting', 'awaiting_review'];

export const createIntakeActivities = (deps: ActivityDeps) => ({
  /** Creates the listing row for a submission and links its messages. Idempotent by listing id. */
  async createSubmission(input: {
    agencyId: string;
    listingId: string;
    agentPhone: string;
    messageIds: string[];
  }): Promise<void> {
    await withTenant(deps.db, input.agencyId, async (tx) => {
      const agent = await tx(TABLES.users)
        .where({ whatsapp_phone: input.agentPhone })
        .first<{ id: string } | undefined>('id');
      await tx(TABLES.listings)
        .insert({
          id: input.listingId,
          agency_id: input.agencyId,
          agent_user_id: agent?.id ?? null,
          status: 'receiving',
        })
        .onConflict('id')
        .ignore();
      await tx(TABLES.inboundMessages)
        .whereIn('id', input.messageIds)
        .update({ listing_id: input.listingId });
    });
  },

  async listingAcceptsCorrections(input: {
    agencyId: string;
    listingId: string;
  }): Promise<boolean> {
    const row = await withTenant(deps.db, input.agencyId, (tx) =>
      tx(TABLES.listings)
        .where({ id: input.listingId })
        .first<{ status: string } | undefined>('status'),
    );
    return row !== undefined && CORRECTABLE.includes(row.status);
  },
});
