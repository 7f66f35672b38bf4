import type { Middleware } from 'koa';
import type { AppState } from '../../state';
import { scope } from '../../scope';
import { createApiKeyStore, publicApiKey } from '../../../lib/accounts/apiKeys';

/** GET /v1/api-keys: names, prefixes and use; never the secret. */
export const getApiKeys: Middleware<AppState> = async (ctx) => {
  const { tx } = scope(ctx);
  ctx.body = { data: (await createApiKeyStore(tx).list()).map(publicApiKey) };
};
