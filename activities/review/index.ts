import type { ActivityDeps } from '../deps';
import { TABLES, withTenant } from '../../lib/db';
import { recordAudit, type Actor } from '../../lib/audit/auditLog';
import { reviewPolicyOf } from '../../lib/review/policy';

export interface BlockingCheck {
  draftId: string;
  checkId: string;
  message: string;
}

interface StoredCheck {
  id?: string;
  severity?: string;
  message?: string;
}

export const createReviewActivities = (deps: ActivityDeps) => ({
  /** The agency's review timers (reminder, expiry), from its settings or the defaults. */
  async reviewPolicy(input: {
    agencyId: string;
  }): Promise<{ remindAfterMs: number; expireAfterMs: number }> {
    const agency = await withTenant(deps.db, input.agencyId, (tx) =>
      tx(TABLES.agencies).where({ id: input.agencyId }).first<{ settings: unknown }>('settings'),
    );
    return reviewPolicyOf(agency?.settings);
  },

  /**
   * Blocking check results on the listing's drafts that no operator has overridden. Approval
   * is refused while any remain.
   */
  async blockingChecks(input: {
    agencyId: string;
    listingId: string;
    overrides: string[];
  }): Promise<BlockingCheck[]> {
    const drafts = await withTenant(deps.db, input.agencyId, (tx) =>
      tx(TABLES.drafts)
        .where({ listing_id: input.listingId })
        // Superseded and suggested drafts are not what would be published.
        .whereIn('status', ['generated', 'edited'])
        .select<Array<{ id: string; checks: StoredCheck[] | null }>>('id', 'checks'),
    );
    const overridden = new Set(input.overrides);
    return drafts.flatMap((d) =>
      (d.checks ?? [])
        .filter((c) => c.severity === 'blocking' && !(c.id && overridden.has(c.id)))
        .map((c) => ({
          draftId: d.id,
          checkId: c.id ?? '',
          message: c.message ?? 'a blocking check failed',
        })),
    );
  },

  /** Writes a review decision to the audit log (with who, why, and any overrides). */
  async recordDecision(input: {
    agencyId: string;
    listingId: string;
    action: 'approved' | 'rejected' | 'expired' | 'reopened' | 'approval_refused';
    status: string;
    by?: { type: 'user' | 'api_key'; id: string };
    reason?: string;
    note?: string;
    overrides?: Array<{ checkId: string; reason: string }>;
    requestId?: string;
  }): Promise<void> {
    const actor: Actor = input.by ?? { type: 'system' };
    await withTenant(deps.db, input.agencyId, (tx) =>
      recordAudit(tx, {
        agencyId: input.agencyId,
        actor,
        action: `listing.${input.action}`,
        target: { type: 'listing', id: input.listingId },
        data: {
          status: input.status,
          ...(input.reason ? { reason: input.reason } : {}),
          ...(input.note ? { note: input.note } : {}),
          ...(input.overrides?.length ? { overrides: input.overrides } : {}),
        },
        ...(input.requestId ? { requestId: input.requestId } : {}),
      }),
    );
  },

  /** A listing has waited too long: note it for the dashboard's operators (one event per listing). */
  async remindReviewers(input: { agencyId: string; listingId: string }): Promise<void> {
    await withTenant(deps.db, input.agencyId, async (tx) => {
      const already: unknown = await tx(TABLES.events)
        .where({ name: 'review.reminder' })
        .whereRaw(`properties->>'listingId' = ?`, [input.listingId])
        .first();
      if (already) return;
      await tx(TABLES.events).insert({
        agency_id: input.agencyId,
        name: 'review.reminder',
        properties: JSON.stringify({ listingId: input.listingId }),
      });
      await recordAudit(tx, {
        agencyId: input.agencyId,
        actor: { type: 'system' },
        action: 'listing.review_reminder',
        target: { type: 'listing', id: input.listingId },
      });
    });
  },
});
