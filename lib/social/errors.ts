/**
 * What a failed Graph API call means for the agency, in words an operator can act on.
 *
 * Meta answers every error as `{"error": {"message", "type", "code", "error_subcode",
 * "fbtrace_id"}}`; the code (not the message text) says what happened:
 * - 190 (OAuthException, subcodes 458-467): the Page token expired or was revoked: the owner
 *   must reconnect the account; retrying cannot help.
 * - 10 and 200-299: a permission is missing (`pages_manage_posts`, `instagram_content_publish`).
 * - 4, 17, 32, 613, and Instagram's 9 / subcode 2207042: a rate limit; wait as long as Meta
 *   says (Retry-After, or the usage header's `estimated_time_to_regain_access` in minutes).
 * - 9004, 36000-36003, 2207xxx subcodes on media: the photo was rejected (size, ratio, format).
 */
export type SocialFailureKind =
  | 'token_expired'
  | 'permission_missing'
  | 'rate_limited'
  | 'media_rejected'
  | 'invalid_request'
  | 'unavailable';

export class SocialGraphError extends Error {
  constructor(
    readonly kind: SocialFailureKind,
    readonly status: number,
    readonly code: number | undefined,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'unavailable';
  }
}

const RATE_LIMIT_CODES = new Set([4, 9, 17, 32, 613]);
const MEDIA_CODES = new Set([9004, 36000, 36001, 36003, 2207026, 2207052]);

interface GraphErrorBody {
  error?: { message?: string; type?: string; code?: number; error_subcode?: number };
}

export function classifyGraphError(
  status: number,
  body: GraphErrorBody | undefined,
  headers: Headers,
): SocialGraphError {
  const error = body?.error ?? {};
  const code = error.code;
  const subcode = error.error_subcode;
  const said = error.message ? `: ${error.message}` : '';
  if (code === 190)
    return new SocialGraphError(
      'token_expired',
      status,
      code,
      `The access token expired or was revoked${said}. Reconnect the account in Settings.`,
    );
  if (code === 10 || (code !== undefined && code >= 200 && code <= 299))
    return new SocialGraphError('permission_missing', status, code, `Permission missing${said}`);
  if (status === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code)) || subcode === 2207042)
    return new SocialGraphError(
      'rate_limited',
      status,
      code,
      `Meta's rate limit was reached${said}`,
      retryAfter(headers),
    );
  if ((code !== undefined && MEDIA_CODES.has(code)) || (subcode && MEDIA_CODES.has(subcode)))
    return new SocialGraphError('media_rejected', status, code, `A photo was rejected${said}`);
  if (status >= 500 || status === 0)
    return new SocialGraphError('unavailable', status, code, `Meta answered ${status}${said}`);
  return new SocialGraphError('invalid_request', status, code, `Meta refused the request${said}`);
}

/** Seconds to wait: Retry-After, or the longest `estimated_time_to_regain_access` (minutes). */
function retryAfter(headers: Headers): number | undefined {
  const plain = Number(headers.get('retry-after'));
  if (Number.isFinite(plain) && plain > 0) return plain;
  let minutes = 0;
  for (const name of ['x-business-use-case-usage', 'x-app-usage', 'x-page-usage']) {
    const raw = headers.get(name);
    if (!raw) continue;
    try {
      const usage = JSON.parse(raw) as unknown;
      for (const value of flatten(usage)) minutes = Math.max(minutes, value);
    } catch {
      /* a malformed header says nothing */
    }
  }
  return minutes > 0 ? minutes * 60 : undefined;
}

function flatten(value: unknown): number[] {
  if (Array.isArray(value)) return value.flatMap(flatten);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) =>
      key === 'estimated_time_to_regain_access' && typeof inner === 'number'
        ? [inner]
        : flatten(inner),
    );
  }
  return [];
}
