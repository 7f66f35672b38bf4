import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { AppError } from '../../errors';
import { constantTimeEqual } from '../../../lib/crypto/tokens';

/** GET /webhooks/whatsapp: Meta's subscription handshake; echo the challenge if the token matches. */
export function getWhatsAppVerification(deps: Pick<ApiDeps, 'config'>): Middleware<AppState> {
  return (ctx) => {
    const expected = deps.config.WHATSAPP_VERIFY_TOKEN;
    const mode = ctx.query['hub.mode'];
    const token = ctx.query['hub.verify_token'];
    const challenge = ctx.query['hub.challenge'];
    if (
      !expected ||
      mode !== 'subscribe' ||
      typeof token !== 'string' ||
      !constantTimeEqual(token, expected)
    ) {
      throw new AppError(403, 'verification_failed', 'The verify token does not match');
    }
    ctx.type = 'text/plain';
    ctx.body = typeof challenge === 'string' ? challenge : '';
  };
}
