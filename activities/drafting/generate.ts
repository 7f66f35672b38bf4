import { Context } from '@temporalio/activity';
import type { ActivityDeps } from '../deps';
import { TABLES, withTenant } from '../../lib/db';
import type { Language } from '../../lib/domain/listing';
import { piecesOf } from '../../lib/ai/copy';
import { checkPerListing } from '../../lib/billing/entitlements';
import { meterGenerations, notePlanSkip, planSkip } from '../../lib/billing/draftingPlan';
import { toDraftingFailure } from './failures';
import { loadAgency, loadListing } from './rows';
import { meterKey } from './metering';

/**
 * Step 4: the copy. The provider writes the listing's language (title, descriptions, one post
 * per platform) and, if the agency asks for one, the descriptions in a second language. The
 * plan bounds both: languages beyond `languages_per_listing` and platforms beyond
 * `social_platforms` (the agency's preferred ones first) are not generated, and the listing
 * says so (`extras.planSkips`). Every provider call is metered as an AI generation. Each
 * text becomes a `candidate` draft of this revision with its provider, model, prompt version
 * and token usage; the check and save steps make them current. Rewriting a revision's
 * candidates first makes a retried attempt leave one set, not two.
 */
export const createGenerateDrafts = (deps: ActivityDeps) =>
  async function generateDrafts(input: {
    agencyId: string;
    listingId: string;
    revision: number;
  }): Promise<{ drafts: number; languages: Language[] }> {
    const { agencyId, listingId, revision } = input;
    const { record, plan } = await withTenant(deps.db, agencyId, async (tx) => {
      const agency = await loadAgency(tx, agencyId);
      const record = await loadListing(tx, listingId);
      const wanted: Language[] = [record.language];
      if (agency.secondLanguage && agency.secondLanguage !== record.language)
        wanted.push(agency.secondLanguage);
      return {
        record,
        plan: {
          languages: await allowedOf(tx, agencyId, 'languages_per_listing', wanted),
          platforms: await allowedOf(tx, agencyId, 'social_platforms', agency.socialPlatforms),
        },
      };
    });
    const languages = plan.languages.allowed;
    const platforms = new Set(plan.platforms.allowed);

    const signal = Context.current().cancellationSignal;
    const rows: Array<Record<string, unknown>> = [];
    try {
      for (const [i, language] of languages.entries()) {
        const call = await deps.ai.provider.generateCopy(
          { listing: record.listing, language },
          { signal },
        );
        const pieces = piecesOf(call.value, { primary: i === 0 }).filter(
          (p) => p.platform === null || platforms.has(p.platform),
        );
        for (const piece of pieces) {
          rows.push({
            agency_id: agencyId,
            listing_id: listingId,
            revision,
            kind: piece.kind,
            platform: piece.platform,
            language,
            content: piece.content,
            status: 'candidate',
            check_status: 'pending',
            provider: deps.ai.provider.name,
            model: call.model,
            prompt_version: call.promptVersion,
            // One call writes every text of a language: each draft carries the call's usage.
            usage: JSON.stringify(call.usage ? { ...call.usage, sharedBy: pieces.length } : {}),
          });
        }
      }
    } catch (err) {
      throw toDraftingFailure(err);
    }
    await withTenant(deps.db, agencyId, async (tx) => {
      await tx(TABLES.drafts)
        .where({ listing_id: listingId, revision, status: 'candidate' })
        .delete();
      if (rows.length) await tx(TABLES.drafts).insert(rows);
      await meterGenerations(tx, agencyId, meterKey(), languages.length);
      await notePlanSkip(tx, agencyId, listingId, 'languages_per_listing', plan.languages.skip);
      await notePlanSkip(tx, agencyId, listingId, 'social_platforms', plan.platforms.skip);
    });
    return { drafts: rows.length, languages };
  };

/** The first `max` of `wanted` that the plan admits for one listing, and the note for the rest. */
async function allowedOf<T extends string>(
  tx: Parameters<typeof checkPerListing>[0],
  agencyId: string,
  limit: 'languages_per_listing' | 'social_platforms',
  wanted: T[],
) {
  const check = await checkPerListing(tx, agencyId, limit, wanted.length);
  if (check.ok) return { allowed: wanted, skip: null };
  // Read-only (an overdue payment) stops new listings, not the drafting of one already taken:
  // it gets what the plan includes.
  const max = check.max === null ? wanted.length : Number(check.max);
  // The listing's own language always stays: there is no copy without it.
  const keep = Math.max(limit === 'languages_per_listing' ? 1 : 0, max);
  const skipped = wanted.slice(keep);
  return {
    allowed: wanted.slice(0, keep),
    skip: skipped.length ? planSkip(limit, check, skipped) : null,
  };
}
