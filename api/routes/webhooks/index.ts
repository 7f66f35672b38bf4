import Router from '@koa/router';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { getWhatsAppVerification } from './getWhatsAppVerification';
import { postWhatsAppWebhook } from './postWhatsAppWebhook';
import { postStripeWebhook } from './postStripeWebhook';

/** Provider webhooks: they read their own raw bodies (signatures cover the exact bytes). */
export function webhooksRouter(deps: ApiDeps): Router<AppState> {
  return new Router<AppState>({ prefix: '/webhooks' })
    .get('/whatsapp', getWhatsAppVerification(deps))
    .post('/whatsapp', postWhatsAppWebhook(deps))
    .post('/stripe', postStripeWebhook(deps));
}
