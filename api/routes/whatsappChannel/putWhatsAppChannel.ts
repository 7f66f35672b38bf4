import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { scope } from '../../scope';
import { validate } from '../../validate';
import { ConflictError, ValidationError } from '../../errors';
import { WhatsAppChannelBody } from './schemas';
import { agencyChannel, publicChannel, webhookSetup, type ChannelRow } from './channel';
import { routeWhatsAppChannel, TABLES } from '../../../lib/db';
import { agencyPhoneCountry } from '../../../lib/phone/agency';
import { PHONE_HINT, toWhatsAppNumber } from '../../../lib/phone';

/**
 * PUT /v1/whatsapp-channel: connects the agency's WhatsApp business number, or replaces its
 * number or access token. The token is sealed before it is stored and never shown again. A
 * number another agency has connected is a 409 (webhooks are routed by it).
 */
export const putWhatsAppChannel =
  (deps: Pick<ApiDeps, 'config' | 'db' | 'secrets'>): Middleware<AppState> =>
  async (ctx) => {
    const { tx, principal, audit } = scope(ctx);
    const body = validate(WhatsAppChannelBody, ctx.request.body);
    const owner = await routeWhatsAppChannel(tx, body.phoneNumberId);
    if (owner && owner.agency_id !== principal.agencyId)
      throw new ConflictError(
        'whatsapp_number_taken',
        'This phone number id is connected to another agency',
      );
    const existing = await agencyChannel(tx);
    if (!existing && !body.accessToken)
      throw new ValidationError({ '/accessToken': 'Paste the access token of the number' });
    // Stored as WhatsApp writes it (E.164 digits), the way webhooks and the page read it.
    const displayPhoneNumber = body.displayPhoneNumber
      ? toWhatsAppNumber(body.displayPhoneNumber, await agencyPhoneCountry(tx, principal.agencyId))
      : null;
    if (body.displayPhoneNumber && !displayPhoneNumber)
      throw new ValidationError({ '/displayPhoneNumber': PHONE_HINT });
    const values = {
      phone_number_id: body.phoneNumberId,
      display_phone_number: displayPhoneNumber,
      ...(body.accessToken ? { access_token_encrypted: deps.secrets.seal(body.accessToken) } : {}),
      updated_at: new Date(),
    };
    const [row] = existing
      ? await tx<ChannelRow>(TABLES.whatsappChannels)
          .where({ id: existing.id })
          .update(values)
          .returning('*')
      : await tx<ChannelRow>(TABLES.whatsappChannels)
          .insert({ ...values, agency_id: principal.agencyId })
          .returning('*');
    await audit({
      action: existing ? 'whatsapp_channel.updated' : 'whatsapp_channel.connected',
      target: { type: 'whatsapp_channel', id: row!.id },
      data: { phoneNumberId: body.phoneNumberId, tokenChanged: Boolean(body.accessToken) },
    });
    ctx.status = existing ? 200 : 201;
    ctx.body = { channel: publicChannel(row!), ...webhookSetup(deps) };
  };
