import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { inTenant } from '../../scope';
import { validate } from '../../validate';
import { NotFoundError, ValidationError } from '../../errors';
import { TestMessageBody } from './schemas';
import { agencyChannel } from './channel';
import { TABLES } from '../../../lib/db';
import { createGraphClient, GraphApiError } from '../../../lib/whatsapp/graphClient';
import { agentWhatsAppNumber } from '../../../lib/phone/agency';
import { PHONE_HINT } from '../../../lib/phone';

/** Meta's sample template, approved on every new WhatsApp Business account. */
const TEST_TEMPLATE = { name: 'hello_world', languageCode: 'en_US', bodyParams: [] };

function inWords(err: GraphApiError): string {
  if (err.status === 401 || err.code === 190)
    return 'Meta refused the access token: it expired or was revoked. Create a permanent system-user token and save it here.';
  if (err.status === 403 || err.code === 10 || err.code === 200)
    return 'The access token has no permission for this number (whatsapp_business_messaging). Give the system user access to the WhatsApp account.';
  if (err.status === 429) return 'Meta is rate limiting this number; try again in a minute.';
  if (err.status >= 500) return 'Meta is having trouble right now; try again in a minute.';
  return `Meta refused the message (${err.status}${err.code ? `, code ${err.code}` : ''}): ${err.message}`;
}

/**
 * POST /v1/whatsapp-channel/test-message: sends Meta's `hello_world` template from the
 * connected number, so the operator learns at once whether the token and number work. The
 * attempt, sent or refused, is recorded as an outbound message (what the page shows as the last delivery; Meta's
 * status webhooks then move it to delivered or failed).
 */
export const postTestMessage =
  (deps: Pick<ApiDeps, 'config' | 'secrets'>): Middleware<AppState> =>
  async (ctx) => {
    const typed = validate(TestMessageBody, ctx.request.body).to;
    // Read in a short transaction: none is held while Meta answers.
    const { to, channel } = await inTenant(ctx, async ({ tx, principal }) => {
      // As typed in the agency's country, sent (and recorded) as WhatsApp knows the number.
      const number = await agentWhatsAppNumber(tx, principal.agencyId, typed);
      if (!number) throw new ValidationError({ '/to': PHONE_HINT });
      const found = await agencyChannel(tx);
      if (!found) throw new NotFoundError('WhatsApp channel');
      return { to: number, channel: found };
    });
    const client = createGraphClient(
      deps.config.WHATSAPP_GRAPH_URL,
      deps.secrets.open(channel.access_token_encrypted),
    );
    let sent: { messageId: string } | undefined;
    let failure: string | undefined;
    try {
      sent = await client.sendTemplate(channel.phone_number_id, to, TEST_TEMPLATE);
    } catch (err) {
      if (!(err instanceof GraphApiError)) throw err;
      failure = inWords(err);
    }
    await inTenant(ctx, async ({ tx, principal, audit }) => {
      await tx(TABLES.outboundMessages).insert({
        agency_id: principal.agencyId,
        to_phone: to,
        kind: 'channel_test',
        idempotency_key: `channel_test:${randomUUID()}`,
        provider_message_id: sent?.messageId ?? null,
        status: sent ? 'sent' : 'failed',
        status_at: new Date(),
        body: { template: TEST_TEMPLATE.name },
        error: failure ?? null,
      });
      await audit({
        action: 'whatsapp_channel.test_sent',
        target: { type: 'whatsapp_channel', id: channel.id },
        data: { to, ok: Boolean(sent) },
      });
    });
    // A refusal is the test's answer, not a failed request: 200, and the row is kept.
    ctx.body = sent
      ? { status: 'sent', messageId: sent.messageId, error: null }
      : { status: 'failed', messageId: null, error: failure };
  };
