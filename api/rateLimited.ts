import type { ApiDeps } from './deps';
import { TooManyRequestsError } from './errors';
import { takeRate, type RateLimit } from '../lib/limits/rateLimit';

/** Counts this request against `checks`; a refusal is 429 `rate_limited` with Retry-After. */
export async function enforceRate(
  deps: Pick<ApiDeps, 'db' | 'config'>,
  checks: ReadonlyArray<{ limit: RateLimit; subject: string }>,
): Promise<void> {
  const decision = await takeRate(deps.db, checks, deps.config.AUTH_RATE_LIMIT_SCALE);
  if (!decision.ok) throw new TooManyRequestsError(decision.limit, decision.retryAfterSeconds);
}
