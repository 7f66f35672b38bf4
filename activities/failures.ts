import { ApplicationFailure } from '@temporalio/common';
import { GraphApiError, MediaTooLargeError } from '../lib/whatsapp/graphClient';

/**
 * Maps provider errors onto Temporal's retry model: 429 and 5xx retry with backoff (honouring
 * Retry-After), everything else a person must fix, so it fails now with a readable reason.
 */
export function toActivityFailure(err: unknown): unknown {
  if (err instanceof GraphApiError) {
    if (err.status === 429 || err.status >= 500) {
      return ApplicationFailure.create({
        message: err.message,
        type: 'WhatsAppUnavailable',
        ...(err.retryAfterSeconds ? { nextRetryDelay: `${err.retryAfterSeconds}s` } : {}),
      });
    }
    return ApplicationFailure.nonRetryable(
      err.message,
      err.status === 401 || err.status === 403 ? 'WhatsAppAuth' : 'WhatsAppRejected',
    );
  }
  if (err instanceof MediaTooLargeError)
    return ApplicationFailure.nonRetryable(err.message, 'MediaTooLarge');
  return err;
}
