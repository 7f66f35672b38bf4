import type { Db } from '../db';
import { TABLES, withTenant } from '../db';
import { sha256Hex } from '../crypto/tokens';
import { normalizeText } from '../text/normalize';
import { providerIdOf, type Quarantined } from './screen';

/**
 * Keeps inbound items that cannot be stored as what they claim to be, raw and with the reason,
 * so the webhook can acknowledge them (Meta stops re-delivering) and support can see them.
 * `JSON.stringify` escapes NUL and lone surrogates, so the raw text always fits a `text` column.
 * Returns how many were new (a re-delivery of the same bytes is stored once).
 */
export async function quarantineItems(
  db: Db,
  agencyId: string,
  channelId: string | null,
  items: Quarantined[],
): Promise<number> {
  if (!items.length) return 0;
  const rows = items.map((q) => {
    const raw = JSON.stringify(q.raw) ?? 'null';
    return {
      agency_id: agencyId,
      channel_id: channelId,
      item: q.item,
      provider_id: providerIdOf(q.raw) ?? null,
      reason: q.reason,
      detail: normalizeText(q.detail).slice(0, 2000),
      raw,
      raw_sha256: sha256Hex(raw),
    };
  });
  return withTenant(db, agencyId, async (tx) => {
    const inserted: Array<{ id: string }> = await tx(TABLES.inboundQuarantine)
      .insert(rows)
      .onConflict(['agency_id', 'raw_sha256'])
      .ignore()
      .returning('id');
    return inserted.length;
  });
}

/**
 * Postgres refusing a value (SQLSTATE class 22: bad text, NUL, out-of-range time; or a check
 * or not-null constraint) is about the item, not the database: retrying cannot help, so the
 * item is quarantined. Anything else (connection lost, pool exhausted) fails the delivery and
 * Meta retries it.
 */
export function isRefusedValue(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' && (code.startsWith('22') || code === '23502' || code === '23514')
  );
}
