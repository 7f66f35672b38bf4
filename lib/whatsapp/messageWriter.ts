import type { Db } from '../db';
import { TABLES, withTenant } from '../db';
import { GroupCommit } from '../runtime/groupCommit';
import type { InboundMessage } from './payload';
import type { InboundRow } from './dispatch';
import { isRefusedValue } from './quarantine';

interface Arrival {
  channelId: string;
  /** Screened and normalised (lib/whatsapp/screen.ts): its timestamp is whole seconds. */
  message: InboundMessage;
}

interface Inserted {
  id: string;
  provider_message_id: string;
  received_at: Date;
  arrival_seq: string;
  sender_id: string | null;
}

// One writer per database handle (a process has one; tests may have several).
const writers = new WeakMap<Db, GroupCommit<string, Arrival, InboundRow | undefined>>();

/**
 * Commits one inbound message and resolves once it is durable: with its row, or undefined when
 * it was already there (Meta re-delivers for up to 7 days). Messages of one agency that arrive
 * together share a transaction (group commit), so the webhook's cost per request falls as the
 * load rises instead of the latency climbing.
 */
export function writeInboundMessage(
  db: Db,
  agencyId: string,
  arrival: Arrival,
): Promise<InboundRow | undefined> {
  let writer = writers.get(db);
  if (!writer) {
    // A batch the database refuses is retried message by message, so a value Postgres will not
    // take (which screening should have caught) fails only its own message.
    writer = new GroupCommit(
      (agency, arrivals) => insertMessages(db, agency, arrivals),
      500,
      isRefusedValue,
    );
    writers.set(db, writer);
  }
  return writer.submit(agencyId, arrival);
}

/**
 * One INSERT for the batch, unique per agency on Meta's message id, returning each new row
 * and whether its sender is one of the agency's active agents (the hand-off needs both; a
 * read-back would cost another transaction). A message twice in one batch is inserted once.
 */
async function insertMessages(
  db: Db,
  agencyId: string,
  arrivals: Arrival[],
): Promise<Array<InboundRow | undefined>> {
  const sentAt = arrivals.map((a) => new Date(Number(a.message.timestamp) * 1000));
  const inserted = await withTenant(db, agencyId, async (tx) => {
    const result: { rows: Inserted[] } = await tx.raw(
      `insert into ?? (agency_id, channel_id, provider_message_id, from_phone, kind, payload, sent_at)
       values ${arrivals.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}
       on conflict (agency_id, provider_message_id) do nothing
       returning id, provider_message_id, received_at, arrival_seq,
         (select u.id from ?? u
           where u.whatsapp_phone = ??.from_phone and u.status = 'active') as sender_id`,
      [
        TABLES.inboundMessages,
        ...arrivals.flatMap((a, i) => [
          agencyId,
          a.channelId,
          a.message.id,
          a.message.from,
          a.message.type,
          JSON.stringify(a.message),
          sentAt[i]!,
        ]),
        TABLES.users,
        TABLES.inboundMessages,
      ],
    );
    return result.rows;
  });
  const byProviderId = new Map(inserted.map((r) => [r.provider_message_id, r]));
  return arrivals.map((a, i): InboundRow | undefined => {
    const row = byProviderId.get(a.message.id);
    if (!row) return undefined;
    byProviderId.delete(a.message.id);
    return {
      id: row.id,
      channel_id: a.channelId,
      provider_message_id: a.message.id,
      from_phone: a.message.from,
      kind: a.message.type,
      payload: a.message,
      sent_at: sentAt[i]!,
      received_at: row.received_at,
      arrival_seq: row.arrival_seq,
      sender_id: row.sender_id,
    };
  });
}
