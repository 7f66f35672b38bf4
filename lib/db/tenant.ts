import type { Db, Tx } from './connection';

/**
 * Runs `work` in one transaction scoped to `agencyId`. The setting is transaction-local
 * (`set_config(..., true)`): a session-wide one would outlive the transaction and leak to
 * whichever request borrows the pooled connection next.
 */
export async function withTenant<T>(
  db: Db,
  agencyId: string,
  work: (tx: Tx) => Promise<T>,
): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.raw(`select set_config('app.tenant_id', ?, true)`, [agencyId]);
    return work(tx);
  });
}
