import type { Middleware } from 'koa';
import type { AppState } from '../../state';
import { inTenant } from '../../scope';
import { validate } from '../../validate';
import { IdParam } from '../users/schemas';
import { NotFoundError } from '../../errors';
import { createApiKeyStore } from '../../../lib/accounts/apiKeys';

/** DELETE /v1/api-keys/:id: revokes a key; it stops working on the next request. */
export const deleteApiKey: Middleware<AppState> = async (ctx) => {
  const { id } = validate(IdParam, ctx.params);
  await inTenant(ctx, async ({ tx, audit }) => {
    const revoked = await createApiKeyStore(tx).revoke(id);
    if (!revoked) throw new NotFoundError('API key');
    await audit({ action: 'api_key.revoked', target: { type: 'api_key', id } });
  });
  ctx.status = 204;
};
