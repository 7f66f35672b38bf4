import { Context } from '@temporalio/activity';
import type { ActivityDeps } from '../deps';
import { TABLES, withTenant } from '../../lib/db';
import type { ExtractedField, Language } from '../../lib/domain/listing';
import { mergeReadings, type Reading } from '../../lib/ai/merge';
import { readingsOf, type SourceSegment } from '../../lib/ai/normalize';
import { RESO_FIELDS, fieldsOfRow, type ResoField } from '../../lib/listings/resoFields';
import { meterGenerations } from '../../lib/billing/draftingPlan';
import { toDraftingFailure } from './failures';
import { meterKey } from './metering';
import { loadAgency, loadListing } from './rows';

export interface ExtractResult {
  language: Language;
  /** RESO names whose value differs from what the listing held before this run. */
  changed: string[];
  fields: number;
}

/**
 * Step 2: the structured listing. The provider reads the burst, then each correction alone;
 * the readings merge (corrections win where they state a value) into the listing's columns,
 * with each value's evidence in `evidence`. A field an operator edited (`extras.operatorEdits`)
 * keeps the operator's value. A field no message states is emptied: re-extraction after a
 * correction must not keep a value the text no longer supports.
 */
export const createExtractListingFields = (deps: ActivityDeps) =>
  async function extractListingFields(input: {
    agencyId: string;
    listingId: string;
  }): Promise<ExtractResult> {
    const { agencyId, listingId } = input;
    const before = await withTenant(deps.db, agencyId, async (tx) => ({
      listing: await loadListing(tx, listingId),
      agency: await loadAgency(tx, agencyId),
    }));
    const text = (before.listing.row.source_text as string | null) ?? '';
    const segments =
      (before.listing.row.extras.source as { segments?: SourceSegment[] })?.segments ?? [];
    const signal = Context.current().cancellationSignal;

    const readings: Reading[] = [];
    let provenance: { model: string; promptVersion: string; usage: unknown[] } | undefined;
    // Provider calls made, metered as AI generations with the result.
    let calls = 0;
    try {
      for (const part of readingsOf({ text, segments })) {
        const call = await deps.ai.provider.extract(
          {
            text: text.slice(part.start, part.end),
            language: before.listing.language,
            ...(before.agency.currency ? { defaultCurrency: before.agency.currency } : {}),
          },
          { signal },
        );
        calls += 1;
        readings.push({
          kind: part.kind,
          messageId: part.messageId,
          offset: part.start,
          extraction: call.value,
        });
        provenance = {
          model: call.model,
          promptVersion: call.promptVersion,
          usage: [...(provenance?.usage ?? []), ...(call.usage ? [call.usage] : [])],
        };
      }
    } catch (err) {
      throw toDraftingFailure(err);
    }
    const merged = mergeReadings(readings, before.listing.language);

    // Written under a row lock, with the operator's edits read again: an edit saved while the
    // provider was thinking is kept, not overwritten.
    return withTenant(deps.db, agencyId, async (tx) => {
      await tx(TABLES.listings).where({ id: listingId }).forUpdate().first('id');
      const current = await loadListing(tx, listingId);
      const edits = current.operatorEdits;
      const previous = fieldsOfRow(current.row) as Record<string, unknown>;
      const previousEvidence = (current.row.evidence ?? {}) as Record<string, unknown>;
      const update: Record<string, unknown> = {};
      const evidence: Record<string, unknown> = {};
      const changed: string[] = [];
      const { Features, ...scalars } = merged.fields;
      for (const name of Object.keys(RESO_FIELDS) as ResoField[]) {
        if (name === 'PublicRemarks') continue;
        if (edits.has(name)) {
          if (previousEvidence[name]) evidence[name] = previousEvidence[name];
          continue;
        }
        const field = (scalars as Record<string, ExtractedField<unknown> | undefined>)[name];
        const value = field?.value ?? null;
        update[RESO_FIELDS[name].column] = value;
        if (!sameValue(previous[name], value)) changed.push(name);
        if (field) {
          evidence[name] = {
            ...(field.evidence ?? {}),
            confidence: field.confidence,
            source: merged.origins[name as keyof typeof merged.origins] ?? { kind: 'submission' },
          };
        }
      }
      if (!edits.has('Features')) {
        const values = (Features ?? []).map((f) => f.value);
        const old = Array.isArray(current.row.features) ? (current.row.features as string[]) : [];
        if (values.join('|') !== old.join('|')) changed.push('Features');
        update.features = JSON.stringify(values);
        evidence.Features = (Features ?? []).map((f) => ({
          value: f.value,
          ...(f.evidence ?? {}),
          confidence: f.confidence,
        }));
      } else if (previousEvidence.Features) {
        evidence.Features = previousEvidence.Features;
      }

      const extraction = { provider: deps.ai.provider.name, ...(provenance ?? {}) };
      await meterGenerations(tx, agencyId, meterKey(), calls);
      await tx(TABLES.listings)
        .where({ id: listingId })
        .update({
          ...update,
          evidence: JSON.stringify(evidence),
          extras: tx.raw('extras || ?::jsonb', [JSON.stringify({ extraction })]),
          updated_at: tx.fn.now(),
        });
      return {
        language: merged.language,
        changed,
        fields: Object.keys(scalars).length + (Features?.length ? 1 : 0),
      };
    });
  };

function sameValue(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined) return b === null || b === undefined;
  if (b === null || b === undefined) return false;
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  return a === b;
}
