import type { AppContext, Principal } from './state';
import { withTenant, type Tx } from '../lib/db';
import { UnauthorizedError } from './errors';
import type { AuditEntry } from '../lib/audit/auditLog';
import { recordAudit } from '../lib/audit/auditLog';

export interface Scope {
  tx: Tx;
  principal: Principal;
  /** Writes an audit row for this request's principal in this transaction. */
  audit: (entry: Pick<AuditEntry, 'action' | 'target' | 'data'>) => Promise<void>;
}

function scopeOf(ctx: AppContext, tx: Tx, principal: Principal): Scope {
  const { requestId } = ctx.state;
  return {
    tx,
    principal,
    audit: (entry) =>
      recordAudit(tx, {
        ...entry,
        agencyId: principal.agencyId,
        actor: principal.actor,
        requestId,
      }),
  };
}

/**
 * Runs `work` in a short transaction of the principal's agency: a handler opens one around its
 * own database work only, never around reading a body or calling Temporal, storage or a
 * remote site, so a slow client or a slow dependency holds no pooled connection. On a route
 * that still runs inside `tenantTransaction`, the request's transaction is reused.
 */
export async function inTenant<T>(ctx: AppContext, work: (s: Scope) => Promise<T>): Promise<T> {
  const { principal, tx, tenantDb } = ctx.state;
  if (!principal || !tenantDb) throw new UnauthorizedError();
  if (tx) return work(scopeOf(ctx, tx, principal));
  return withTenant(tenantDb, principal.agencyId, (t) => work(scopeOf(ctx, t, principal)));
}

/**
 * The principal and the request-wide tenant transaction; only for routes mounted behind
 * `tenantTransaction` (which holds a connection for the whole request: prefer `inTenant`).
 */
export function scope(ctx: AppContext): Scope {
  const { tx, principal } = ctx.state;
  if (!tx || !principal) throw new UnauthorizedError();
  return scopeOf(ctx, tx, principal);
}
