import type { Queryable } from '../db';
import { TABLES } from '../db';

export interface Actor {
  type: 'user' | 'api_key' | 'system' | 'stripe' | 'whatsapp';
  id?: string | null;
}

export interface AuditEntry {
  agencyId: string;
  actor: Actor;
  action: string;
  target?: { type: string; id: string };
  data?: Record<string, unknown>;
  requestId?: string;
}

/** Who did what to which thing, written in the same transaction as the change itself. */
export async function recordAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db(TABLES.auditLog).insert({
    agency_id: entry.agencyId,
    actor_type: entry.actor.type,
    actor_id: entry.actor.id ?? null,
    action: entry.action,
    target_type: entry.target?.type ?? null,
    target_id: entry.target?.id ?? null,
    data: JSON.stringify(entry.data ?? {}),
    request_id: entry.requestId ?? null,
  });
}
