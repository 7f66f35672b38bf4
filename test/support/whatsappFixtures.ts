import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';

const DIR = path.resolve(__dirname, '../../../shared/fixtures/whatsapp');

type Json = Record<string, any>;

/** A real webhook payload from ../shared/fixtures/whatsapp, parsed fresh each call. */
export function fixture(name: string): Json {
  return JSON.parse(readFileSync(path.join(DIR, `${name}.json`), 'utf8'));
}

const firstValue = (payload: Json): Json => payload.entry[0].changes[0].value;

/**
 * A real payload re-addressed to our test channel and agent, with a fresh message id, so one
 * fixture can stand for many messages of a burst. The envelope stays Meta's.
 */
export function messageFrom(
  name: string,
  opts: {
    phoneNumberId: string;
    from: string;
    id?: string;
    timestamp?: number;
    text?: string;
    caption?: string;
    mediaId?: string;
    replyTo?: string;
    media?: Buffer;
  },
): { payload: Json; id: string } {
  const payload = fixture(name);
  const value = firstValue(payload);
  value.metadata.phone_number_id = opts.phoneNumberId;
  const message = value.messages[0];
  const id = opts.id ?? `wamid.${randomBytes(12).toString('base64url')}`;
  message.id = id;
  message.from = opts.from;
  if (value.contacts?.[0]) value.contacts[0].wa_id = opts.from;
  // Sent now unless told otherwise: the fixtures' own timestamps (2023, and a different second
  // per fixture) would order a test's burst by which fixture each message came from.
  message.timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  if (opts.text !== undefined) message.text = { body: opts.text };
  const media = message.image ?? message.document ?? message.video;
  if (media && opts.mediaId) media.id = opts.mediaId;
  if (media && opts.caption !== undefined) media.caption = opts.caption;
  // Meta sends the file's SHA-256, base64-encoded, in the webhook.
  if (media && opts.media) media.sha256 = createHash('sha256').update(opts.media).digest('base64');
  if (opts.replyTo)
    message.context = { from: value.metadata.display_phone_number, id: opts.replyTo };
  return { payload, id };
}

/** A status payload (sent/delivered/read/failed) about one of our outbound messages. */
export function statusFrom(
  name: string,
  opts: { phoneNumberId: string; messageId: string; timestamp?: number },
): Json {
  const payload = fixture(name);
  const value = firstValue(payload);
  value.metadata.phone_number_id = opts.phoneNumberId;
  value.statuses[0].id = opts.messageId;
  if (opts.timestamp) value.statuses[0].timestamp = String(opts.timestamp);
  return payload;
}
