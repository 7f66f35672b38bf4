import { Context } from '@temporalio/activity';
import type { ActivityDeps } from '../deps';
import { TABLES, withTenant } from '../../lib/db';
import { replyText, type ReplyKind, type ReplyParams } from '../../lib/whatsapp/replies';
import { toActivityFailure } from '../failures';
import { loadChannel } from './channel';
import { insideServiceWindow, replyTemplate } from '../../lib/whatsapp/serviceWindow';

export interface ReplyInput {
  agencyId: string;
  to: string;
  kind: ReplyKind;
  /** Unique per agency: the same key never sends twice. */
  idempotencyKey: string;
  listingId?: string;
  channelId?: string | null;
  params?: ReplyParams;
}

/**
 * Sends one WhatsApp reply, at most once per idempotency key: the outbound row is written
 * first and remembers Meta's message id, so a retry after success is a no-op. (A crash in the
 * instant between Meta's answer and our update can still send twice; Meta offers no
 * idempotency key to close that gap.) Free-form text goes only while the recipient's 24-hour
 * customer-service window is open, else the approved template carrying the same words
 * (lib/whatsapp/serviceWindow.ts); the choice is made per attempt, so a retry after the window
 * closed sends the template.
 */
export async function sendReply(
  deps: ActivityDeps,
  input: ReplyInput,
): Promise<{ providerMessageId: string; alreadySent: boolean }> {
  const { agencyId } = input;
  // A listing submitted from the app by an API key (or someone without WhatsApp) has nobody
  // to text; Meta would refuse the empty number with a permanent error that fails the run.
  if (!input.to) return { providerMessageId: '', alreadySent: false };
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
    return { row, text, language: agency.default_language };
  });
  if (prepared.row.provider_message_id)
    return { providerMessageId: prepared.row.provider_message_id, alreadySent: true };

  const channel = await loadChannel(deps, agencyId, input.channelId ?? null);
  const client = deps.whatsapp(channel.accessToken);
  const signal = Context.current().cancellationSignal;
  const template = insideServiceWindow(await lastInboundAt(deps, agencyId, channel.id, input.to))
    ? undefined
    : replyTemplate(deps.whatsappTemplate, prepared.language, prepared.text);
  let messageId: string;
  try {
    ({ messageId } = template
      ? await client.sendTemplate(channel.phoneNumberId, input.to, template, signal)
      : await client.sendText(channel.phoneNumberId, input.to, prepared.text, signal));
  } catch (err) {
    throw toActivityFailure(err);
  }
  await withTenant(deps.db, agencyId, (tx) =>
    tx(TABLES.outboundMessages)
      .where({ id: prepared.row.id })
      .update({
        provider_message_id: messageId,
        status: 'accepted',
        body: JSON.stringify(
          template
            ? { text: prepared.text, via: 'template', template: template.name }
            : { text: prepared.text, via: 'text' },
        ),
        updated_at: tx.fn.now(),
      }),
  );
  return { providerMessageId: messageId, alreadySent: false };
}

/** When `phone` last wrote to this business number over WhatsApp (app submissions do not count). */
async function lastInboundAt(
  deps: ActivityDeps,
  agencyId: string,
  channelId: string,
  phone: string,
): Promise<Date | undefined> {
  const row = await withTenant(deps.db, agencyId, (tx) =>
    tx(TABLES.inboundMessages)
      .where({ channel_id: channelId, from_phone: phone })
      .max<{ at: Date | null }>({ at: tx.raw('coalesce(sent_at, received_at)') })
      .first(),
  );
  return row?.at ?? undefined;
}
