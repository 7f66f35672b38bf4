import type { ActivityDeps } from '../deps';
import { TABLES, withTenant } from '../../lib/db';
import type { Language } from '../../lib/domain/listing';
import { detectLanguage } from '../../lib/ai/extraction';
import { composeSource, type SourcePart } from '../../lib/ai/normalize';
import { InboundMessage, textOf } from '../../lib/whatsapp/payload';
import { intentOf } from '../../workflows/intake/grouping';
import { loadAgency, loadListing } from './rows';
import { noteLanguage } from './languageNote';

export interface NormalizeInput {
  agencyId: string;
  listingId: string;
  /** Messages the agent sent later as corrections (from the correction signal); read in sender order. */
  correctionIds: string[];
}

export interface NormalizeResult {
  language: Language;
  /** Stored photos in the order the agent sent them; ids only, the bytes stay in storage. */
  photoIds: string[];
  characters: number;
}

/**
 * Step 1: the submission's text. Links correction messages to the listing, cleans and joins
 * every message's words (corrections last, as their own segments), detects the language (one
 * the product does not draft in is flagged, and the agency's language used instead), and
 * stores the result on the listing (`source_text`, `extras.source.segments`): the extraction
 * reads it there and the evidence spans point into it. Idempotent: it rebuilds from the rows.
 */
export const createNormalizeSubmission = (deps: ActivityDeps) =>
  async function normalizeSubmission(input: NormalizeInput): Promise<NormalizeResult> {
    return withTenant(deps.db, input.agencyId, async (tx) => {
      if (input.correctionIds.length) {
        await tx(TABLES.inboundMessages)
          .whereIn('id', input.correctionIds)
          .whereNull('listing_id')
          .update({ listing_id: input.listingId });
      }
      const messages = await tx(TABLES.inboundMessages)
        .where({ listing_id: input.listingId })
        .orderByRaw('coalesce(sent_at, received_at) asc, arrival_seq asc')
        .select<Array<{ id: string; payload: unknown }>>('id', 'payload');
      const corrections = new Set(input.correctionIds);
      const parts: SourcePart[] = [];
      for (const m of messages) {
        const parsed = InboundMessage.safeParse(m.payload);
        const text = parsed.success ? textOf(parsed.data) : undefined;
        if (!text) continue;
        const kind = corrections.has(m.id) ? 'correction' : 'submission';
        // "done" closed the burst; it says nothing about the property.
        if (kind === 'submission' && intentOf(text) === 'finish') continue;
        parts.push({ messageId: m.id, kind, text });
      }
      // The burst first, then its corrections; each in the order the agent sent them (the
      // query's), not the order their signals reached the workflow (replicas may swap those).
      parts.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'submission' ? -1 : 1));
      const source = composeSource(parts);
      const agency = await loadAgency(tx, input.agencyId);
      const current = await loadListing(tx, input.listingId);
      const submissionEnd = source.segments.filter((s) => s.kind === 'submission').at(-1)?.end;
      const detected = current.operatorEdits.has('language')
        ? { language: current.language, confidence: 1 }
        : detectLanguage(
            source.text.slice(0, submissionEnd ?? source.text.length),
            agency.language,
          );
      const language = detected.language;
      await noteLanguage(tx, input.agencyId, input.listingId, detected);
      await tx(TABLES.listings)
        .where({ id: input.listingId })
        .update({
          source_text: source.text,
          language,
          extras: tx.raw('extras || ?::jsonb', [
            JSON.stringify({ source: { segments: source.segments } }),
          ]),
          updated_at: tx.fn.now(),
        });

      const photos = await tx(`${TABLES.listingAssets} as a`)
        .leftJoin(`${TABLES.inboundMessages} as m`, 'm.id', 'a.inbound_message_id')
        .where('a.listing_id', input.listingId)
        .whereIn('a.status', ['stored', 'duplicate'])
        .orderByRaw(
          'coalesce(m.sent_at, m.received_at, a.created_at) asc, m.arrival_seq asc, a.id asc',
        )
        .pluck<string[]>('a.id');
      return { language, photoIds: photos, characters: source.text.length };
    });
  };
