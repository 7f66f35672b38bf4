/**
 * Why an AI call failed, in the provider's terms but not its SDK's: activities map these onto
 * Temporal's retry model (activities/drafting/failures.ts), so lib/ai knows nothing of
 * Temporal and the local provider and the OpenAI one fail the same way.
 */
export type AIFailureKind =
  /** 429: retry after the server's Retry-After. */
  | 'rate_limited'
  /** 5xx, connection reset, timeout: retry with backoff. */
  | 'unavailable'
  /** The answer was not the JSON the schema asks for: a new attempt usually fixes it. */
  | 'invalid_output'
  /** The model declined (a refusal or a content filter): asking again will not help. */
  | 'refused'
  /** 401/403: a person must fix the key. */
  | 'auth'
  /** 400/404/422, or an answer cut off at the token limit: the request itself is wrong. */
  | 'rejected';

const RETRYABLE: ReadonlySet<AIFailureKind> = new Set([
  'rate_limited',
  'unavailable',
  'invalid_output',
]);

export class AIProviderError extends Error {
  override readonly name = 'AIProviderError';
  constructor(
    readonly kind: AIFailureKind,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number } = {},
  ) {
    super(message);
  }

  get retryable(): boolean {
    return RETRYABLE.has(this.kind);
  }
}
