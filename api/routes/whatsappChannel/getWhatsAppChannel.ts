import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { scope } from '../../scope';
import { agencyChannel, lastDelivery, publicChannel, webhookSetup } from './channel';

/** GET /v1/whatsapp-channel: the connected number (never its token), Meta's setup, last delivery. */
export const getWhatsAppChannel =
  (deps: Pick<ApiDeps, 'config'>): Middleware<AppState> =>
  async (ctx) => {
    const { tx } = scope(ctx);
    const row = await agencyChannel(tx);
    ctx.body = {
      channel: row ? publicChannel(row) : null,
      ...webhookSetup(deps),
      lastDelivery: await lastDelivery(tx),
    };
  };
