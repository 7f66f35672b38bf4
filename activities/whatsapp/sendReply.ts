import { Context } from '@temporalio/activity';
import type { ActivityDeps } from '../deps';
import { TABLES, withTenant } from '../../lib/db';
import { replyText, type ReplyKind } from '../../lib/whatsapp/replies';
import { toActivityFailure } from '../failures';
import { loadChannel } from './channel';

export interface ReplyInput {
  agencyId: string;
  to: string;
  kind: ReplyKind;
  /** Unique per agency: the same key never sends twice. */
  idempotencyKey: string;
  listingId?: string;
  channelId?: string | null;
  params?: Record<string, number>;
}

/**
 * Sends one WhatsApp text, at most once per idempotency key: the outbound row is written
 * first and remembers Meta's message id, so a retry after success is a no-op. (A crash in the
 * instant between Meta's answer and our update can still send twice; Meta offers no
 * idempotency key to close that gap.)
 */
export async function sendReply(
  deps: ActivityDeps,
  input: ReplyInput,
): Promise<{ providerMessageId: string; alreadySent: boolean }> {
  const { agencyId } = input;
  const prepared = await withTenant(deps.db, agencyId, async (tx) => {
    const agency = await tx(TABLES.agencies)
      .where({ id: agencyId })
      .first<{ default_language: string }>('default_language');
    const text = replyText(input.kind, agency.default_language, input.params);
    await tx(TABLES.outboundMessages)
      .insert({
        agency_id: agencyId,
        listing_id: input.listingId ?? null,
        to_phone: input.to,
        kind: input.kind,
        idempotency_key: input.idempotencyKey,
        body: JSON.stringify({ text }),
      })
      .onConflict(['agency_id', 'idempotency_key'])
      .ignore();
    const row = await tx(TABLES.outboundMessages)
      .where({ idempotency_key: input.idempotencyKey })
      .first<{ id: string; provider_message_id: string | null }>('id', 'provider_message_id');
    return { row, text };
  });
  if (prepared.row.provider_message_id)
    return { providerMessageId: prepared.row.provider_message_id, alreadySent: true };

  const channel = await loadChannel(deps, agencyId, input.channelId ?? null);
  let messageId: string;
  try {
    ({ messageId } = await deps
      .whatsapp(channel.accessToken)
      .sendText(
        channel.phoneNumberId,
        input.to,
        prepared.text,
        Context.current().cancellationSignal,
      ));
  } catch (err) {
    throw toActivityFailure(err);
  }
  await withTenant(deps.db, agencyId, (tx) =>
    tx(TABLES.outboundMessages)
      .where({ id: prepared.row.id })
      .update({ provider_message_id: messageId, status: 'accepted', updated_at: tx.fn.now() }),
  );
  return { providerMessageId: messageId, alreadySent: false };
}
