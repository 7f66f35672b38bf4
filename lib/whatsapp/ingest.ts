import type { Db } from '../db';
import { TABLES, withTenant } from '../db';
import type { ChannelBatch } from './payload';
import { STATUS_RANK, statusRankSql } from './statusOrder';
import { routeChannel } from './channelRoutes';
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
    await withTenant(db, route.agency_id, async (tx) => {
      const stored = result.stored.get(route.agency_id) ?? [];
      for (const message of batch.messages) {
        const sentAt = new Date(Number(message.timestamp) * 1000);
        // One round trip: the row, and whether its sender is one of the agency's agents (the
        // hand-off needs both, and reading them back later would cost a transaction).
        const inserted: {
          rows: Array<{ id: string; received_at: Date; sender_id: string | null }>;
        } = await tx.raw(
          `insert into ?? (agency_id, channel_id, provider_message_id, from_phone, kind, payload, sent_at)
             values (?, ?, ?, ?, ?, ?, ?)
             on conflict (agency_id, provider_message_id) do nothing
             returning id, received_at,
               (select u.id from ?? u
                 where u.whatsapp_phone = ??.from_phone and u.status = 'active') as sender_id`,
          [
            TABLES.inboundMessages,
            route.agency_id,
            route.channel_id,
            message.id,
            message.from,
            message.type,
            JSON.stringify(message),
            sentAt,
            TABLES.users,
            TABLES.inboundMessages,
          ],
        );
        const row = inserted.rows[0];
        if (!row) {
          result.duplicates += 1;
          continue;
        }
        stored.push({
          id: row.id,
          channel_id: route.channel_id,
          provider_message_id: message.id,
          from_phone: message.from,
          kind: message.type,
          payload: message,
          sent_at: sentAt,
          received_at: row.received_at,
          sender_id: row.sender_id,
        });
      }
      if (stored.length) result.stored.set(route.agency_id, stored);

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
