import type { ParameterizedContext } from 'koa';
import type { Logger } from '../lib/log';
import type { Db, Tx } from '../lib/db';
import type { Role } from '../lib/auth/roles';
import type { Actor } from '../lib/audit/auditLog';
import type { CookieSession } from './middleware/session';

export interface Principal {
  agencyId: string;
  role: Role;
  actor: Actor & { type: 'user' | 'api_key'; id: string };
  /** The user behind the request; API keys act for the agency, not for a person. */
  userId: string | null;
}

export interface AppState {
  requestId: string;
  log: Logger;
  /** Agency named by the request's subdomain, when BASE_DOMAIN is configured. */
  hostAgencyId?: string;
  /** The dashboard's cookie session, when the request has one and no Authorization header. */
  session?: CookieSession;
  principal?: Principal;
  /** The pool `inTenant` opens the principal's short transactions on (set by `authenticated`). */
  tenantDb?: Db;
  /** A request-wide tenant transaction, only on routes behind `tenantTransaction`. */
  tx?: Tx;
}

export type AppContext = ParameterizedContext<AppState>;
