import type { AppContext, Principal } from './state';
import type { Tx } from '../lib/db';
import { UnauthorizedError } from './errors';
import type { AuditEntry } from '../lib/audit/auditLog';
import { recordAudit } from '../lib/audit/auditLog';

export interface Scope {
  tx: Tx;
  principal: Principal;
  /** Writes an audit row for this request's principal in this request's transaction. */
  audit: (entry: Pick<AuditEntry, 'action' | 'target' | 'data'>) => Promise<void>;
}

/** The authenticated principal and its tenant transaction; only for routes behind `authenticated`. */
export function scope(ctx: AppContext): Scope {
  const { tx, principal, requestId } = ctx.state;
  if (!tx || !principal) throw new UnauthorizedError();
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
