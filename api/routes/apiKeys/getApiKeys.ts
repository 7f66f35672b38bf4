import type { Middleware } from 'koa';
import type { AppState } from '../../state';
import { inTenant } from '../../scope';
import { createApiKeyStore, publicApiKey } from '../../../lib/accounts/apiKeys';

/** GET /v1/api-keys: names, prefixes, roles, expiry and use; never the secret. */
export const getApiKeys: Middleware<AppState> = async (ctx) => {
  const keys = await inTenant(ctx, ({ tx }) => createApiKeyStore(tx).list());
  ctx.body = { data: keys.map(publicApiKey) };
};
