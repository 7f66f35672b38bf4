import type { Tx } from '../../lib/db';
import { TABLES } from '../../lib/db';
import { recordAudit } from '../../lib/audit/auditLog';
import type { DetectedLanguage } from '../../lib/ai/extraction/language';

const NAMES = new Intl.DisplayNames(['en'], { type: 'language' });
const nameOf = (code: string) => NAMES.of(code) ?? code;

/**
 * A listing written in a language the product does not draft in (French, German, ...) is
 * drafted in the agency's language and flagged: `extras.language` says what was detected and
 * the timeline says it once, so the operator knows the copy is a translation of the agent's
 * words. A later run that detects a supported language clears the flag.
 */
export async function noteLanguage(
  tx: Tx,
  agencyId: string,
  listingId: string,
  detected: DetectedLanguage,
): Promise<void> {
  const flag = detected.unsupported
    ? { unsupported: detected.unsupported, draftedIn: detected.language }
    : null;
  await tx(TABLES.listings)
    .where({ id: listingId })
    .update({
      extras: flag
        ? tx.raw(`extras || ?::jsonb`, [JSON.stringify({ language: flag })])
        : tx.raw(`extras - 'language'`),
    });
  if (!flag) return;
  const noted = await tx(TABLES.auditLog)
    .where({ target_type: 'listing', target_id: listingId, action: 'listing.language_unsupported' })
    .whereRaw(`data->>'unsupported' = ?`, [flag.unsupported])
    .first<{ id: string } | undefined>('id');
  if (noted) return;
  await recordAudit(tx, {
    agencyId,
    actor: { type: 'system' },
    action: 'listing.language_unsupported',
    target: { type: 'listing', id: listingId },
    data: {
      ...flag,
      reason: `written in ${nameOf(flag.unsupported)}, which is not drafted in; drafted in ${nameOf(flag.draftedIn)}, the agency's language`,
    },
  });
}
