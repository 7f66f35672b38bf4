import type { Queryable } from '../db';
import { sha256Hex } from '../crypto/tokens';

/** A limit: at most `hits` in any fixed window of `windowSeconds`. */
export interface RateLimit {
  name: string;
  hits: number;
  windowSeconds: number;
}

export type RateDecision = { ok: true } | { ok: false; limit: string; retryAfterSeconds: number };

/**
 * Counts one hit against each `(limit, subject)` and refuses when any is over. The count is
 * kept in Postgres (`rate_limit_take`, one atomic upsert each, outside any request
 * transaction), so every API process shares it. Subjects (an address, an e-mail) are hashed
 * before they reach the table.
 */
export async function takeRate(
  db: Queryable,
  checks: ReadonlyArray<{ limit: RateLimit; subject: string }>,
  scale = 1,
): Promise<RateDecision> {
  let refusal: RateDecision = { ok: true };
  for (const { limit, subject } of checks) {
    const result: { rows: Array<{ allowed: boolean; retry_after_seconds: number }> } = await db.raw(
      'select * from rate_limit_take(?, ?, ?)',
      [
        `${limit.name}:${sha256Hex(subject)}`,
        Math.max(1, Math.round(limit.hits * scale)),
        limit.windowSeconds,
      ],
    );
    const row = result.rows[0]!;
    if (!row.allowed && (refusal.ok || row.retry_after_seconds > refusal.retryAfterSeconds)) {
      refusal = { ok: false, limit: limit.name, retryAfterSeconds: row.retry_after_seconds };
    }
  }
  return refusal;
}
