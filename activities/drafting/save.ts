import type { ActivityDeps } from '../deps';
import { TABLES, withTenant } from '../../lib/db';
import { loadListing } from './rows';

export interface SaveResult {
  title: string | null;
  drafts: number;
  /** Current drafts whose checks found a blocking problem. */
  blocked: number;
  warned: number;
}

interface DraftRow {
  id: string;
  kind: string;
  platform: string | null;
  language: string;
  status: string;
  revision: number;
  content: string;
  check_status: string;
}

/**
 * Step 6: the revision's checked candidates become the listing's current drafts. An older
 * generated text of the same slot is superseded; a slot an operator edited keeps the edit, and
 * the new text is offered beside it as `suggested`. The listing's title and public remarks
 * follow the current title and long description unless an operator set them. Idempotent:
 * once promoted, a retry finds nothing left to promote and reports the same state.
 */
export const createSaveDrafts = (deps: ActivityDeps) =>
  async function saveDrafts(input: {
    agencyId: string;
    listingId: string;
    revision: number;
  }): Promise<SaveResult> {
    const { listingId, revision } = input;
    return withTenant(deps.db, input.agencyId, async (tx) => {
      const drafts = await tx(TABLES.drafts)
        .where({ listing_id: listingId })
        .whereNot({ status: 'superseded' })
        .select<DraftRow[]>(
          'id',
          'kind',
          'platform',
          'language',
          'status',
          'revision',
          'content',
          'check_status',
        );
      const slot = (d: DraftRow) => `${d.kind}|${d.platform ?? ''}|${d.language}`;
      const edited = new Set(drafts.filter((d) => d.status === 'edited').map(slot));
      for (const d of drafts.filter((x) => x.revision === revision && x.status === 'candidate')) {
        await tx(TABLES.drafts)
          .where({ id: d.id })
          .update({
            status: edited.has(slot(d)) ? 'suggested' : 'generated',
            updated_at: tx.fn.now(),
          });
      }
      await tx(TABLES.drafts)
        .where({ listing_id: listingId })
        .where('revision', '<', revision)
        .whereIn('status', ['generated', 'suggested', 'candidate'])
        .update({ status: 'superseded', updated_at: tx.fn.now() });

      const { row, language, operatorEdits } = await loadListing(tx, listingId);
      const current = await tx(TABLES.drafts)
        .where({ listing_id: listingId })
        .whereIn('status', ['generated', 'edited'])
        .select<DraftRow[]>(
          'id',
          'kind',
          'platform',
          'language',
          'status',
          'revision',
          'content',
          'check_status',
        );
      const pick = (kind: string) =>
        current.find((d) => d.kind === kind && d.language === language && d.status === 'edited') ??
        current.find((d) => d.kind === kind && d.language === language);
      const title = operatorEdits.has('title')
        ? (row.title as string | null)
        : (pick('title')?.content ?? null);
      const remarks = pick('description_long')?.content;
      await tx(TABLES.listings)
        .where({ id: listingId })
        .update({
          title,
          ...(remarks && !operatorEdits.has('PublicRemarks') ? { public_remarks: remarks } : {}),
          updated_at: tx.fn.now(),
        });
      return {
        title,
        drafts: current.length,
        blocked: current.filter((d) => d.check_status === 'blocking').length,
        warned: current.filter((d) => d.check_status === 'warning').length,
      };
    });
  };
