import type { ActivityDeps } from '../deps';
import { TABLES, withTenant } from '../../lib/db';
import { LanguageSchema } from '../../lib/domain/listing';
import type { DraftKind, SocialPlatform } from '../../lib/domain/draft';
import { runChecks } from '../../lib/ai/checks';
import { loadListing } from './rows';

export interface CheckSummary {
  checked: number;
  blocking: number;
  warnings: number;
}

/**
 * Step 5: grounding, fair housing and platform limits on every text, stored with the draft
 * (`checks`, `check_status`). With a revision: that revision's candidates plus the drafts an
 * operator edited (the listing under them may have changed). Without: every current draft,
 * which is what the review phase calls after an operator's edit.
 */
export const createCheckDrafts = (deps: ActivityDeps) =>
  async function checkDrafts(input: {
    agencyId: string;
    listingId: string;
    revision?: number;
  }): Promise<CheckSummary> {
    return withTenant(deps.db, input.agencyId, async (tx) => {
      const { listing } = await loadListing(tx, input.listingId);
      const drafts = await tx(TABLES.drafts)
        .where({ listing_id: input.listingId })
        .modify((q) => {
          if (input.revision === undefined) {
            void q.whereIn('status', ['generated', 'edited', 'suggested']);
          } else {
            const revision = input.revision;
            void q.where((w) =>
              w.where({ revision, status: 'candidate' }).orWhere({ status: 'edited' }),
            );
          }
        })
        .select<
          Array<{
            id: string;
            kind: DraftKind;
            platform: SocialPlatform | null;
            language: string;
            content: string;
          }>
        >('id', 'kind', 'platform', 'language', 'content');
      const summary: CheckSummary = { checked: 0, blocking: 0, warnings: 0 };
      for (const d of drafts) {
        const { flags, status } = runChecks(
          {
            kind: d.kind,
            platform: d.platform,
            language: LanguageSchema.catch('en').parse(d.language),
            content: d.content,
          },
          listing,
        );
        await tx(TABLES.drafts)
          .where({ id: d.id })
          .update({ checks: JSON.stringify(flags), check_status: status, updated_at: tx.fn.now() });
        summary.checked += 1;
        summary.blocking += flags.filter((f) => f.severity === 'blocking').length;
        summary.warnings += flags.filter((f) => f.severity === 'warning').length;
      }
      return summary;
    });
  };
