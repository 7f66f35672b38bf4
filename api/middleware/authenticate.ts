import type { Middleware } from 'koa';
import type { ApiDeps } from '../deps';
import type { AppState, Principal } from '../state';
import { UnauthorizedError } from '../errors';
import { routeApiKey, withTenant, type Tx } from '../../lib/db';
import { apiKeySecretMatches, createApiKeyStore, parseApiKey } from '../../lib/accounts/apiKeys';
import { createUserStore } from '../../lib/accounts/userStore';
import { leastOf } from '../../lib/auth/roles';
import { TABLES } from '../../lib/db';

const isLiveSession = async (tx: Tx, familyId: string) =>
  Boolean(
    await tx(TABLES.refreshTokens)
      .where({ family_id: familyId })
      .whereNull('revoked_at')
      .first('id'),
  );

type Pending = { agencyId: string } & (
  | { kind: 'user'; userId: string; sessionId: string | undefined }
  | { kind: 'api_key'; apiKeyId: string; secret: string }
);

/**
 * Authenticates the request (a JWT access token, an API key or the dashboard's cookie session).
 * The user or key is re-read in a short transaction of its own, so a disabled user or a revoked
 * key loses access at once and role changes apply without waiting for the token to expire;
 * that transaction ends before the handler runs, which opens its own (`inTenant`) around its
 * database work only.
 */
export function resolvePrincipal(deps: Pick<ApiDeps, 'db' | 'accessTokens'>): Middleware<AppState> {
  return async (ctx, next) => {
    const session = ctx.state.session;
    const pending: Pending = session
      ? {
          kind: 'user',
          agencyId: session.agencyId,
          userId: session.userId,
          sessionId: session.familyId,
        }
      : await identify(deps, ctx.get('Authorization'));
    if (ctx.state.hostAgencyId && ctx.state.hostAgencyId !== pending.agencyId) {
      throw new UnauthorizedError('wrong_tenant', 'This credential belongs to another agency');
    }
    ctx.state.principal = await withTenant(deps.db, pending.agencyId, (tx) => confirm(tx, pending));
    ctx.state.tenantDb = deps.db;
    ctx.state.log = ctx.state.log.child({ agencyId: pending.agencyId });
    await next();
  };
}

/**
 * A request-wide tenant transaction after the principal is known, for handlers that still
 * read `scope(ctx).tx`. It holds a pooled connection until the answer is written: use it only
 * on routes that do nothing slow (no body upload, no network call) while it is open.
 */
export function tenantTransaction(deps: Pick<ApiDeps, 'db'>): Middleware<AppState> {
  return async (ctx, next) => {
    const principal = ctx.state.principal;
    if (!principal) throw new UnauthorizedError();
    await withTenant(deps.db, principal.agencyId, async (tx) => {
      ctx.state.tx = tx;
      try {
        await next();
      } finally {
        ctx.state.tx = undefined;
      }
    });
  };
}

/**
 * `resolvePrincipal` then `tenantTransaction`: the first cut's contract, kept for the handlers
 * that read `scope(ctx).tx`. Routes whose handlers use `inTenant` mount `resolvePrincipal`.
 */
export function authenticated(deps: Pick<ApiDeps, 'db' | 'accessTokens'>): Middleware<AppState> {
  const resolve = resolvePrincipal(deps);
  const inTx = tenantTransaction(deps);
  return async (ctx, next) => {
    await resolve(ctx, async () => {
      await inTx(ctx, next);
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
  const { agencyId, userId, sessionId } = verified.claims;
  return { kind: 'user', agencyId, userId, sessionId };
}

async function confirm(tx: Tx, p: Pending): Promise<Principal> {
  if (p.kind === 'api_key') {
    const keys = createApiKeyStore(tx);
    const row = await keys.get(p.apiKeyId);
    if (!row || row.revoked_at || !apiKeySecretMatches(row, p.secret)) {
      throw new UnauthorizedError('invalid_api_key', 'The API key is not valid');
    }
    if (row.expires_at && row.expires_at.getTime() <= Date.now()) {
      throw new UnauthorizedError('api_key_expired', 'The API key has expired');
    }
    // A key acts with no more than its creator may today (a demoted creator demotes the key).
    const creator = row.created_by ? await createUserStore(tx).get(row.created_by) : undefined;
    if (creator && creator.status !== 'active') {
      throw new UnauthorizedError('invalid_api_key', 'The API key is not valid');
    }
    await keys.noteUse(row.id);
    return {
      agencyId: p.agencyId,
      role: creator ? leastOf(row.role, creator.role) : row.role,
      actor: { type: 'api_key', id: row.id },
      userId: null,
    };
  }
  const user = await createUserStore(tx).get(p.userId);
  if (!user || user.status !== 'active') {
    throw new UnauthorizedError('inactive_user', 'This user can no longer sign in');
  }
  if (p.sessionId && !(await isLiveSession(tx, p.sessionId))) {
    throw new UnauthorizedError('signed_out', 'This session was signed out; sign in again');
  }
  return {
    agencyId: p.agencyId,
    role: user.role,
    actor: { type: 'user', id: user.id },
    userId: user.id,
  };
}
