import type { Db } from '../db';
import { TABLES, routeWhatsAppChannel, withTenant } from '../db';
import type { ChannelBatch } from './payload';
import { STATUS_RANK, statusRankSql } from './statusOrder';

export interface IngestResult {
  /** Newly stored messages per agency, to hand to Temporal after the commit. */
  stored: Map<string, string[]>;
  duplicates: number;
  unrouted: number;
  statusesApplied: number;
}

/**
 * Commits everything in one webhook delivery. Each message is one row, unique per agency on
 * Meta's message id, so Meta's re-deliveries (for up to 7 days) insert nothing. Nothing here
 * calls out of the database: the webhook is acknowledged only once this has committed.
 */
export async function ingestWebhook(db: Db, batches: ChannelBatch[]): Promise<IngestResult> {
  const result: IngestResult = {
    stored: new Map(),
    duplicates: 0,
    unrouted: 0,
    statusesApplied: 0,
  };
  for (const batch of batches) {
    const route = await routeWhatsAppChannel(db, batch.phoneNumberId);
    if (!route) {
      // Answered 200 so Meta stops retrying; kept so support can see what arrived.
      await db(TABLES.unroutedWebhooks).insert({
        provider: 'whatsapp',
        routing_key: batch.phoneNumberId,
        payload: JSON.stringify(batch),
      });
      result.unrouted += batch.messages.length + batch.statuses.length;
      continue;
    }
    await withTenant(db, route.agency_id, async (tx) => {
      const ids: string[] = [];
      for (const message of batch.messages) {
        const inserted: Array<{ id: string }> = await tx(TABLES.inboundMessages)
          .insert({
            agency_id: route.agency_id,
            channel_id: route.channel_id,
            provider_message_id: message.id,
            from_phone: message.from,
            kind: message.type,
            payload: JSON.stringify(message),
            sent_at: new Date(Number(message.timestamp) * 1000),
          })
          .onConflict(['agency_id', 'provider_message_id'])
          .ignore()
          .returning('id');
        if (inserted[0]) ids.push(inserted[0].id);
        else result.duplicates += 1;
      }
      if (ids.length)
        result.stored.set(route.agency_id, [...(result.stored.get(route.agency_id) ?? []), ...ids]);

      for (const status of batch.statuses) {
        const rank = STATUS_RANK[status.status];
        if (rank === undefined) continue;
        const updated = await tx(TABLES.outboundMessages)
          .where({ provider_message_id: status.id })
          .whereRaw(`${statusRankSql('status')} < ?`, [rank])
          .update({
            status: status.status,
            status_at: new Date(Number(status.timestamp) * 1000),
            error: status.errors?.[0]?.title ?? null,
            updated_at: tx.fn.now(),
          });
        result.statusesApplied += updated;
      }
    });
  }
  return result;
}
