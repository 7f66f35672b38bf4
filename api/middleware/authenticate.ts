import type { Middleware } from 'koa';
import type { ApiDeps } from '../deps';
import type { AppState, Principal } from '../state';
import { UnauthorizedError } from '../errors';
import { routeApiKey, withTenant } from '../../lib/db';
import { apiKeySecretMatches, createApiKeyStore, parseApiKey } from '../../lib/accounts/apiKeys';
import { createUserStore } from '../../lib/accounts/userStore';

type Pending = { agencyId: string } & (
  { kind: 'user'; userId: string } | { kind: 'api_key'; apiKeyId: string; secret: string }
);

/**
 * Authenticates the request (a JWT access token, an API key or the dashboard's cookie session) and runs the rest of the
 * chain inside one transaction scoped to that agency. The user or key is re-read in that
 * transaction, so a disabled user or a revoked key loses access at once, and role changes
 * apply without waiting for the token to expire.
 */
export function authenticated(deps: Pick<ApiDeps, 'db' | 'accessTokens'>): Middleware<AppState> {
  return async (ctx, next) => {
    const pending = ctx.state.session ?? (await identify(deps, ctx.get('Authorization')));
    if (ctx.state.hostAgencyId && ctx.state.hostAgencyId !== pending.agencyId) {
      throw new UnauthorizedError('wrong_tenant', 'This credential belongs to another agency');
    }
    await withTenant(deps.db, pending.agencyId, async (tx) => {
      ctx.state.principal = await confirm(tx, pending);
      ctx.state.log = ctx.state.log.child({ agencyId: pending.agencyId });
      ctx.state.tx = tx;
      await next();
    });
  };
}

async function identify(
  deps: Pick<ApiDeps, 'db' | 'accessTokens'>,
  header: string,
): Promise<Pending> {
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new UnauthorizedError('missing_token', 'Send Authorization: Bearer <token>');
  const token = match[1]!;
  if (token.startsWith('ra_')) {
    const parsed = parseApiKey(token);
    const route = parsed && (await routeApiKey(deps.db, parsed.prefix));
    if (!parsed || !route)
      throw new UnauthorizedError('invalid_api_key', 'The API key is not valid');
    return {
      kind: 'api_key',
      agencyId: route.agency_id,
      apiKeyId: route.api_key_id,
      secret: parsed.secret,
    };
  }
  const verified = await deps.accessTokens.verify(token);
  if (!verified.ok) {
    throw verified.reason === 'expired'
      ? new UnauthorizedError('token_expired', 'The access token has expired; refresh it')
      : new UnauthorizedError('invalid_token', 'The access token is not valid');
  }
  return { kind: 'user', agencyId: verified.claims.agencyId, userId: verified.claims.userId };
}

async function confirm(tx: Parameters<typeof createUserStore>[0], p: Pending): Promise<Principal> {
  if (p.kind === 'api_key') {
    const keys = createApiKeyStore(tx);
    const row = await keys.get(p.apiKeyId);
    if (!row || row.revoked_at || !apiKeySecretMatches(row, p.secret)) {
      throw new UnauthorizedError('invalid_api_key', 'The API key is not valid');
    }
    await keys.touch(row.id);
    return {
      agencyId: p.agencyId,
      role: row.role,
      actor: { type: 'api_key', id: row.id },
      userId: null,
    };
  }
  const user = await createUserStore(tx).get(p.userId);
  if (!user || user.status !== 'active') {
    throw new UnauthorizedError('inactive_user', 'This user can no longer sign in');
  }
  return {
    agencyId: p.agencyId,
    role: user.role,
    actor: { type: 'user', id: user.id },
    userId: user.id,
  };
}
