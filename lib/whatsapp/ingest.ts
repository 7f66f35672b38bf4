import type { Db } from '../db';
import { TABLES, withTenant } from '../db';
import { normalizeDeep } from '../text/normalize';
import type { ChannelBatch, InboundMessage, MessageStatus, WebhookBatches } from './payload';
import { STATUS_RANK, statusRankSql } from './statusOrder';
import { routeChannel } from './channelRoutes';
import { writeInboundMessage } from './messageWriter';
import { isKnownStored, rememberStored } from './recentMessages';
import { isRefusedValue, quarantineItems } from './quarantine';
import { screenMessage, screenStatus, type Quarantined } from './screen';
import type { InboundRow } from './dispatch';

export interface IngestResult {
  /** Newly stored messages per agency, to hand to Temporal after the commit (no read-back). */
  stored: Map<string, InboundRow[]>;
  duplicates: number;
  unrouted: number;
  statusesApplied: number;
  /** Items kept raw with a reason instead of being processed (see lib/whatsapp/screen.ts). */
  quarantined: number;
}

/**
 * Commits everything in one webhook delivery. Each message is one row, unique per agency on
 * Meta's message id, so Meta's re-deliveries (for up to 7 days) insert nothing. Every message
 * and status is screened on its own first: one that cannot be stored as what it claims to be
 * is quarantined (raw, with the reason) and acknowledged with the rest, so a poison message
 * never fails its delivery or the group commit it would have shared. Nothing here calls out of
 * the database: the webhook is acknowledged only once this has committed.
 */
export async function ingestWebhook(db: Db, input: WebhookBatches): Promise<IngestResult> {
  const result: IngestResult = {
    stored: new Map(),
    duplicates: 0,
    unrouted: 0,
    statusesApplied: 0,
    quarantined: 0,
  };
  for (const change of input.unreadable) {
    // No business number to route by: answered 200 and kept for support, like unrouted ones.
    await db(TABLES.unroutedWebhooks).insert({
      provider: 'whatsapp',
      routing_key: '(unreadable)',
      payload: JSON.stringify(normalizeDeep(change) ?? null),
    });
    result.unrouted += 1;
  }
  for (const batch of input.batches) await ingestBatch(db, batch, result);
  return result;
}

async function ingestBatch(db: Db, batch: ChannelBatch, result: IngestResult): Promise<void> {
  const route = await routeChannel(db, batch.phoneNumberId);
  if (!route) {
    // Answered 200 so Meta stops retrying; kept so support can see what arrived.
    await db(TABLES.unroutedWebhooks).insert({
      provider: 'whatsapp',
      routing_key: batch.phoneNumberId,
      payload: JSON.stringify(normalizeDeep(batch)),
    });
    result.unrouted += batch.messages.length + batch.statuses.length;
    return;
  }
  const now = Date.now();
  const poison: Quarantined[] = [];
  const messages: InboundMessage[] = [];
  for (const raw of batch.messages) {
    const screened = screenMessage(raw, now);
    if (screened.ok) messages.push(screened.value);
    else poison.push(screened);
  }
  const statuses: MessageStatus[] = [];
  for (const raw of batch.statuses) {
    const screened = screenStatus(raw, now);
    if (screened.ok) statuses.push(screened.value);
    else poison.push(screened);
  }

  const fresh = messages.filter((m) => !isKnownStored(db, route.agency_id, m.id));
  result.duplicates += messages.length - fresh.length;
  const written = await Promise.all(
    fresh.map((message) =>
      writeInboundMessage(db, route.agency_id, { channelId: route.channel_id, message })
        .then((row) => {
          rememberStored(db, route.agency_id, message.id);
          return row;
        })
        .catch((err: unknown) => {
          // Refused by Postgres on its own (its batch was retried message by message).
          if (!isRefusedValue(err)) throw err;
          poison.push({
            item: 'message',
            reason: 'refused_by_database',
            detail: err instanceof Error ? err.message : String(err),
            raw: message,
          });
          return null;
        }),
    ),
  );
  const stored = written.filter((row): row is InboundRow => !!row);
  result.duplicates += written.filter((row) => row === undefined).length;
  if (stored.length)
    result.stored.set(route.agency_id, [...(result.stored.get(route.agency_id) ?? []), ...stored]);

  if (statuses.length)
    await withTenant(db, route.agency_id, async (tx) => {
      for (const status of statuses) {
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

  await quarantineItems(db, route.agency_id, route.channel_id, poison);
  result.quarantined += poison.length;
}
