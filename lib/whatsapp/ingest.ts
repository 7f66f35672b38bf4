import type { Db } from '../db';
import { TABLES, withTenant } from '../db';
import type { ChannelBatch } from './payload';
import { STATUS_RANK, statusRankSql } from './statusOrder';
import { routeChannel } from './channelRoutes';
import { writeInboundMessage } from './messageWriter';
import type { InboundRow } from './dispatch';

export interface IngestResult {
  /** Newly stored messages per agency, to hand to Temporal after the commit (no read-back). */
  stored: Map<string, InboundRow[]>;
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
    const route = await routeChannel(db, batch.phoneNumberId);
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
    const written = await Promise.all(
      batch.messages.map((message) =>
        writeInboundMessage(db, route.agency_id, { channelId: route.channel_id, message }),
      ),
    );
    const stored = written.filter((row): row is InboundRow => row !== undefined);
    result.duplicates += written.length - stored.length;
    if (stored.length)
      result.stored.set(route.agency_id, [
        ...(result.stored.get(route.agency_id) ?? []),
        ...stored,
      ]);

    if (!batch.statuses.length) continue;
    await withTenant(db, route.agency_id, async (tx) => {
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
