import { randomBytes } from 'node:crypto';
import { signMetaPayload } from '../../lib/whatsapp/signature';

/**
 * WhatsApp Cloud API webhook deliveries as Meta sends them (the envelope of the payloads in
 * ../shared/fixtures/whatsapp), for the tools that play messages into a running system:
 * `npm run demo` and `npm run bench:webhook`.
 */
export type InboundMessageBody =
  | { type: 'text'; text: { body: string } }
  | {
      type: 'image' | 'document';
      image?: { id: string; mime_type: string; sha256: string; caption?: string };
      document?: {
        id: string;
        mime_type: string;
        sha256: string;
        filename?: string;
        caption?: string;
      };
    };

export const newMessageId = (): string => `wamid.${randomBytes(18).toString('base64url')}`;

export function webhookEnvelope(opts: {
  phoneNumberId: string;
  displayPhoneNumber?: string;
  from: string;
  profileName?: string;
  message: InboundMessageBody & { id: string; timestamp: string; context?: { id: string } };
}): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: opts.displayPhoneNumber ?? '15550000000',
                phone_number_id: opts.phoneNumberId,
              },
              contacts: [{ profile: { name: opts.profileName ?? 'Agent' }, wa_id: opts.from }],
              messages: [{ from: opts.from, ...opts.message }],
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

/** The exact bytes to post and their `X-Hub-Signature-256`. */
export function signedBody(
  appSecret: string,
  payload: unknown,
): { body: Buffer; signature: string } {
  const body = Buffer.from(JSON.stringify(payload));
  return { body, signature: signMetaPayload(appSecret, body) };
}

/** Posts one delivery to `/webhooks/whatsapp` the way Meta does. */
export async function postWebhook(
  apiUrl: string,
  appSecret: string,
  payload: unknown,
): Promise<{ status: number; body: unknown }> {
  const { body, signature } = signedBody(appSecret, payload);
  const res = await fetch(`${apiUrl}/webhooks/whatsapp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
    body,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed };
}
