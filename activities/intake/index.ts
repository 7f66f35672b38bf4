import type { ActivityDeps } from '../deps';
import { TABLES, withTenant } from '../../lib/db';
import { listingWorkflowId } from '../../workflows/shared/ids';
import { reserveListingQuota } from '../../lib/billing/entitlements';
import { planLimitReply } from '../../lib/billing/quotaReply';
import { allows } from '../../workflows/listing/transitions';
import type { ListingStatus } from '../../workflows/listing/messages';

export const createIntakeActivities = (deps: ActivityDeps) => ({
  /** Creates the listing row for a submission and links its messages. Idempotent by listing id. */
  async createSubmission(input: {
    agencyId: string;
    listingId: string;
    agentPhone: string;
    messageIds: string[];
  }): Promise<{ created: true } | { created: false; reason: string; reply: string }> {
    return withTenant(deps.db, input.agencyId, async (tx) => {
      // The plan decides first: a refused submission creates nothing, and the agent is told.
      const quota = await reserveListingQuota(tx, input.agencyId, input.listingId);
      if (!quota.ok) {
        const agency = await tx(TABLES.agencies)
          .where({ id: input.agencyId })
          .first<{ default_language: string }>('default_language');
        await tx(TABLES.inboundMessages)
          .whereIn('id', input.messageIds)
          .update({ state_reason: 'plan_limit' });
        return {
          created: false,
          reason: quota.reason,
          reply: planLimitReply(quota, agency.default_language),
        };
      }
      const agent = await tx(TABLES.users)
        .where({ whatsapp_phone: input.agentPhone })
        .first<{ id: string } | undefined>('id');
      await tx(TABLES.listings)
        .insert({
          id: input.listingId,
          agency_id: input.agencyId,
          agent_user_id: agent?.id ?? null,
          status: 'receiving',
          workflow_id: listingWorkflowId(input.agencyId, input.listingId),
        })
        .onConflict('id')
        .ignore();
      await tx(TABLES.inboundMessages)
        .whereIn('id', input.messageIds)
        .update({ listing_id: input.listingId });
      return { created: true };
    });
  },

  /**
   * Whether an agent's message should go to this listing as a correction: the status table's
   * answer (workflows/listing/transitions.ts). The listing workflow asks the table again when
   * the correction arrives, and tells the agent if it has moved on meanwhile.
   */
  async listingAcceptsCorrections(input: {
    agencyId: string;
    listingId: string;
  }): Promise<boolean> {
    const row = await withTenant(deps.db, input.agencyId, (tx) =>
      tx(TABLES.listings)
        .where({ id: input.listingId })
        .first<{ status: ListingStatus } | undefined>('status'),
    );
    return row !== undefined && allows(row.status, 'correct');
  },
});
