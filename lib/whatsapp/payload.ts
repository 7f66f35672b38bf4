import { z } from 'zod';

/**
 * The parts of the WhatsApp Cloud API webhook we act on. Unknown fields pass through (Meta
 * adds them over time, e.g. user_id in v25); the raw payload is stored whole regardless.
 */
const Media = z.object({
  id: z.string(),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
  url: z.string().optional(),
});

/** The new content of an edited message (WhatsApp's `edit` type: a text or a caption changed). */
const EditedContent = z.looseObject({
  text: z.object({ body: z.string() }).optional(),
  image: Media.partial().optional(),
  document: Media.partial().optional(),
  video: Media.partial().optional(),
});

export const InboundMessage = z.looseObject({
  from: z.string(),
  id: z.string(),
  timestamp: z.string(),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  image: Media.optional(),
  document: Media.optional(),
  video: Media.optional(),
  context: z
    .looseObject({ id: z.string().optional(), forwarded: z.boolean().optional() })
    .optional(),
  edit: z
    .looseObject({ original_message_id: z.string().optional(), message: EditedContent.optional() })
    .optional(),
});
export type InboundMessage = z.infer<typeof InboundMessage>;

export const MessageStatus = z.looseObject({
  id: z.string(),
  status: z.enum(['sent', 'delivered', 'read', 'failed', 'deleted', 'warning']).or(z.string()),
  timestamp: z.string(),
  recipient_id: z.string().optional(),
  errors: z
    .array(z.looseObject({ code: z.number().optional(), title: z.string().optional() }))
    .optional(),
});
export type MessageStatus = z.infer<typeof MessageStatus>;

// Messages and statuses stay unknown here: each is screened on its own (lib/whatsapp/screen.ts),
// so one item of a shape we do not know is quarantined without hiding the rest of the change.
const ChangeValue = z.looseObject({
  messaging_product: z.literal('whatsapp').optional(),
  metadata: z.object({ phone_number_id: z.string(), display_phone_number: z.string().optional() }),
  messages: z.array(z.unknown()).optional(),
  statuses: z.array(z.unknown()).optional(),
});

export const WebhookPayload = z.object({
  object: z.literal('whatsapp_business_account'),
  entry: z.array(
    z.object({
      id: z.string().optional(),
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })),
    }),
  ),
});

export interface ChannelBatch {
  phoneNumberId: string;
  /** As Meta sent them, not yet screened. */
  messages: unknown[];
  statuses: unknown[];
}

export interface WebhookBatches {
  batches: ChannelBatch[];
  /** `messages` changes without the business number they were sent to: kept, never routed. */
  unreadable: unknown[];
}

/**
 * Groups a payload's messages and statuses by the business phone number they were sent to:
 * that number decides the agency. Changes of other fields (account updates, templates) are
 * acknowledged and left alone.
 */
export function batchesOf(payload: z.infer<typeof WebhookPayload>): WebhookBatches {
  const byPhone = new Map<string, ChannelBatch>();
  const unreadable: unknown[] = [];
  for (const entry of payload.entry) {
    for (const change of entry.changes) {
      if (change.field !== 'messages') continue;
      const value = ChangeValue.safeParse(change.value);
      if (!value.success) {
        unreadable.push(change.value);
        continue;
      }
      const id = value.data.metadata.phone_number_id;
      const batch = byPhone.get(id) ?? { phoneNumberId: id, messages: [], statuses: [] };
      batch.messages.push(...(value.data.messages ?? []));
      batch.statuses.push(...(value.data.statuses ?? []));
      byPhone.set(id, batch);
    }
  }
  return { batches: [...byPhone.values()], unreadable };
}

/** The media a message carries, if any (images, and documents or videos, which agents use too). */
export function mediaOf(
  message: InboundMessage,
): (z.infer<typeof Media> & { kind: 'image' | 'document' | 'video' }) | undefined {
  if (message.image) return { ...message.image, kind: 'image' };
  if (message.document) return { ...message.document, kind: 'document' };
  if (message.video) return { ...message.video, kind: 'video' };
  return undefined;
}

/**
 * The words of a message: its text, or the caption of its media, or for an edit the new text
 * or caption (the photo itself arrived with the original message and is not fetched again).
 */
export function textOf(message: InboundMessage): string | undefined {
  const edited = message.edit?.message;
  return (
    message.text?.body ??
    mediaOf(message)?.caption ??
    edited?.text?.body ??
    (edited?.image ?? edited?.document ?? edited?.video)?.caption
  );
}

/**
 * The message this one refers to: the one it replies to, or the one it edits. An edit of a
 * message that is already part of a submitted listing is a correction of that listing.
 */
export function referencedMessageId(message: InboundMessage): string | undefined {
  return message.context?.id ?? message.edit?.original_message_id;
}
