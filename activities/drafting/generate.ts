import { Context } from '@temporalio/activity';
import type { ActivityDeps } from '../deps';
import { TABLES, withTenant } from '../../lib/db';
import type { Language } from '../../lib/domain/listing';
import { piecesOf } from '../../lib/ai/copy';
import { toDraftingFailure } from './failures';
import { loadAgency, loadListing } from './rows';

/**
 * Step 4: the copy. The provider writes the listing's language (title, descriptions, one post
 * per platform) and, if the agency asks for one, the descriptions in a second language. Each
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
    const { record, agency } = await withTenant(deps.db, agencyId, async (tx) => ({
      record: await loadListing(tx, listingId),
      agency: await loadAgency(tx, agencyId),
    }));
    const languages: Language[] = [record.language];
    if (agency.secondLanguage && agency.secondLanguage !== record.language)
      languages.push(agency.secondLanguage);

    const signal = Context.current().cancellationSignal;
    const rows: Array<Record<string, unknown>> = [];
    try {
      for (const [i, language] of languages.entries()) {
        const call = await deps.ai.provider.generateCopy(
          { listing: record.listing, language },
          { signal },
        );
        const pieces = piecesOf(call.value, { primary: i === 0 });
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
      await tx(TABLES.drafts).insert(rows);
    });
    return { drafts: rows.length, languages };
  };
