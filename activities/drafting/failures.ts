import { ApplicationFailure } from '@temporalio/common';
import { AIProviderError } from '../../lib/ai/errors';
import { StorageNotFoundError } from '../../lib/storage';

/**
 * AI failures as Temporal failures. Retryable: a 429 (waiting the server's Retry-After, via
 * nextRetryDelay), a 5xx or a dropped connection, an answer that did not match its schema.
 * Not retryable: a refusal, a bad key, a request the server rejects; these surface on the
 * listing as a readable reason. The failure type names the kind, so the workflow's retry
 * policy can list them too.
 */
export const AI_NON_RETRYABLE = ['AIRefused', 'AIAuth', 'AIRejected'] as const;

const TYPE: Record<AIProviderError['kind'], string> = {
  rate_limited: 'AIRateLimited',
  unavailable: 'AIUnavailable',
  invalid_output: 'AIInvalidOutput',
  refused: 'AIRefused',
  auth: 'AIAuth',
  rejected: 'AIRejected',
};

export function toDraftingFailure(err: unknown): unknown {
  if (err instanceof AIProviderError) {
    const type = TYPE[err.kind];
    if (!err.retryable) return ApplicationFailure.nonRetryable(err.message, type);
    return ApplicationFailure.create({
      message: err.message,
      type,
      ...(err.details.retryAfterMs !== undefined
        ? { nextRetryDelay: Math.max(1, Math.ceil(err.details.retryAfterMs)) }
        : {}),
    });
  }
  if (err instanceof StorageNotFoundError) {
    return ApplicationFailure.nonRetryable(`A stored photo is missing: ${err.key}`, 'PhotoMissing');
  }
  return err;
}
