import type { Middleware } from 'koa';
import type { AppState } from '../../state';
import { scope } from '../../scope';
import { validate } from '../../validate';
import { ApiKeyBody } from './schemas';
import { createApiKeyStore, mintApiKey, publicApiKey } from '../../../lib/accounts/apiKeys';

/** POST /v1/api-keys: a new key for server-to-server use; the secret is in this answer only. */
export const postApiKey: Middleware<AppState> = async (ctx) => {
  const { tx, principal, audit } = scope(ctx);
  const body = validate(ApiKeyBody, ctx.request.body);
  const minted = mintApiKey();
  const row = await createApiKeyStore(tx).insert({
    agencyId: principal.agencyId,
    name: body.name,
    role: body.role,
    createdBy: principal.userId,
    prefix: minted.prefix,
    hash: minted.hash,
  });
  await audit({
    action: 'api_key.created',
    target: { type: 'api_key', id: row.id },
    data: { name: row.name, role: row.role },
  });
  ctx.status = 201;
  ctx.body = { ...publicApiKey(row), key: minted.key };
};
