import type { Middleware } from 'koa';
import type { AppState } from '../../state';
import { inTenant } from '../../scope';
import { validate } from '../../validate';
import { ApiKeyBody } from './schemas';
import { ForbiddenError } from '../../errors';
import { ensureWithinPlan } from '../../middleware/withinPlan';
import { createApiKeyStore, mintApiKey, publicApiKey } from '../../../lib/accounts/apiKeys';
import { leastOf } from '../../../lib/auth/roles';

const DAY_MS = 24 * 3600 * 1000;

/**
 * POST /v1/api-keys: a new key for server-to-server use; the secret is in this answer only.
 * A key is `agent` unless `role: "admin"` is asked for, may expire (`expiresInDays`), and
 * never has more rights than its creator.
 */
export const postApiKey: Middleware<AppState> = async (ctx) => {
  const body = validate(ApiKeyBody, ctx.request.body);
  const minted = mintApiKey();
  const row = await inTenant(ctx, async ({ tx, principal, audit }) => {
    // A key is someone's: it dies with its creator, so another key cannot make one.
    if (!principal.userId) throw new ForbiddenError('API keys are made by a signed-in person');
    if (leastOf(body.role, principal.role) !== body.role) {
      throw new ForbiddenError('A key cannot have more rights than its creator');
    }
    await ensureWithinPlan(tx, principal.agencyId, 'api_keys');
    const created = await createApiKeyStore(tx).insert({
      agencyId: principal.agencyId,
      name: body.name,
      role: body.role,
      createdBy: principal.userId,
      prefix: minted.prefix,
      hash: minted.hash,
      expiresAt: body.expiresInDays ? new Date(Date.now() + body.expiresInDays * DAY_MS) : null,
    });
    await audit({
      action: 'api_key.created',
      target: { type: 'api_key', id: created.id },
      data: { name: created.name, role: created.role, expiresAt: created.expires_at },
    });
    return created;
  });
  ctx.status = 201;
  ctx.body = { ...publicApiKey(row), key: minted.key };
};
