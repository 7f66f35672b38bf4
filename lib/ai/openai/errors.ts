import { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import { AIProviderError } from '../errors';

/**
 * The SDK's errors as AIProviderErrors. The client runs with `maxRetries: 0`: Temporal retries
 * the activity, so the 429's Retry-After travels up to become the next retry's delay.
 * A cancelled request (the activity was cancelled) is passed through untouched.
 */
export function toProviderError(err: unknown): unknown {
  if (err instanceof AIProviderError || err instanceof APIUserAbortError) return err;
  if (err instanceof APIConnectionError) {
    return new AIProviderError('unavailable', `AI server unreachable: ${err.message}`);
  }
  if (err instanceof APIError) {
    const { status, headers } = err as APIError<number | undefined, Headers | undefined>;
    const message = `AI server answered ${status ?? 'an error'}: ${err.message}`;
    if (status === 429) {
      const retryAfterMs = retryAfter(headers);
      return new AIProviderError('rate_limited', message, {
        status,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      });
    }
    if (status === undefined || status >= 500 || status === 408 || status === 409) {
      return new AIProviderError('unavailable', message, status ? { status } : {});
    }
    if (status === 401 || status === 403) return new AIProviderError('auth', message, { status });
    return new AIProviderError('rejected', message, { status });
  }
  return err;
}

/** `retry-after-ms` (OpenAI), else `retry-after` in seconds or as an HTTP date. */
export function retryAfter(headers: Headers | undefined, now = Date.now()): number | undefined {
  const ms = Number(headers?.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}
