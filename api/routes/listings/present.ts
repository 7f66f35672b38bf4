import type { ApiDeps } from '../../deps';
import type { ListingRow } from '../../../lib/listings/store';
import { createListingStore } from '../../../lib/listings/store';
import { fieldsOfRow, RESO_FIELD_NAMES } from '../../../lib/listings/resoFields';
import { InboundMessage, textOf } from '../../../lib/whatsapp/payload';
import { listingWorkflowId } from '../../../workflows/shared/ids';
import type { Tx } from '../../../lib/db';

/** A listing as the queue shows it. */
export function listingSummary(row: ListingRow) {
  const fields = fieldsOfRow(row);
  return {
    id: row.id,
    status: row.status,
    title: row.title,
    agentUserId: row.agent_user_id,
    city: fields.City,
    listPrice: fields.ListPrice,
    currency: fields.Currency,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const temporalLink = (deps: Pick<ApiDeps, 'config'>, workflowId: string) =>
  `${deps.config.TEMPORAL_UI_URL}/namespaces/${encodeURIComponent(deps.config.TEMPORAL_NAMESPACE)}/workflows/${encodeURIComponent(workflowId)}`;

/**
 * Everything an operator needs to decide: fields with their evidence, photos behind signed
 * URLs, the agent's original messages, drafts with their checks, and the timeline.
 */
export async function listingDetail(
  deps: Pick<ApiDeps, 'config' | 'storage'>,
  tx: Tx,
  row: ListingRow,
) {
  const store = createListingStore(tx);
  const [assets, messages, drafts, timeline] = await Promise.all([
    store.assets(row.id),
    store.messages(row.id),
    store.drafts(row.id),
    store.timeline(row.id),
  ]);
  const values = fieldsOfRow(row);
  const evidence = row.evidence ?? {};
  const workflowId = row.workflow_id ?? listingWorkflowId(row.agency_id, row.id);
  return {
    ...listingSummary(row),
    language: row.language,
    lastError: row.last_error,
    fields: Object.fromEntries(
      RESO_FIELD_NAMES.map((name) => [
        name,
        { value: values[name], evidence: evidence[name] ?? null },
      ]),
    ),
    features: row.features,
    operatorEdits: (row.extras as { operatorEdits?: unknown }).operatorEdits ?? {},
    photos: await Promise.all(
      assets.map(async (a) => ({
        id: a.id,
        status: a.status,
        order: a.order ?? null,
        imageOf: a.image_of ?? null,
        caption: a.long_description ?? null,
        width: a.width ?? null,
        height: a.height ?? null,
        quality: a.quality ?? {},
        skipReason: a.skip_reason ?? null,
        url:
          a.status === 'stored' && a.storage_key
            ? await deps.storage.signedUrl(a.storage_key)
            : null,
      })),
    ),
    messages: messages.map((m) => {
      const parsed = InboundMessage.safeParse(m.payload);
      return {
        id: m.id,
        kind: m.kind,
        from: m.from_phone,
        text: parsed.success ? (textOf(parsed.data) ?? null) : null,
        sentAt: m.sent_at ?? m.received_at,
      };
    }),
    drafts: drafts.map((d) => ({
      id: d.id,
      kind: d.kind,
      language: d.language,
      platform: d.platform ?? null,
      content: d.content,
      checks: d.checks ?? [],
      model: d.model ?? null,
      status: d.status,
    })),
    timeline: timeline.map((t) => ({
      at: t.created_at,
      action: t.action,
      actor: { type: t.actor_type, id: t.actor_id },
      data: t.data,
    })),
    workflow: { id: workflowId, url: temporalLink(deps, workflowId) },
  };
}
