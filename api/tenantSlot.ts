import { AppError } from './errors';
import type { TenantConcurrency } from '../lib/limits/tenantConcurrency';

/**
 * Runs `work` in one of the agency's slots of `limiter`, or refuses at once with 429
 * `concurrency_limit` (and Retry-After) when the agency already uses them all. Refusing rather
 * than queueing keeps a flood from one agency from piling up in memory.
 */
export async function inTenantSlot<T>(
  limiter: TenantConcurrency,
  agencyId: string,
  work: () => Promise<T>,
): Promise<T> {
  const release = limiter.tryAcquire(agencyId);
  if (!release) {
    throw new AppError(
      429,
      'concurrency_limit',
      `This agency already has ${limiter.perTenant} ${limiter.kind} in progress; try again shortly`,
      { limit: limiter.kind, maxConcurrent: limiter.perTenant, retryAfterSeconds: 5 },
    );
  }
  try {
    return await work();
  } finally {
    release();
  }
}
