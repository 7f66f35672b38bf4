/**
 * The few WordPress REST API calls publishing makes, over fetch with Basic auth (an
 * application password). Every route goes through `/?rest_route=...`, which works with and
 * without pretty permalinks. Errors keep the HTTP status, WordPress's error code and
 * Retry-After, so activities can tell "retry later" from "a person must fix this".
 */

export interface WordPressSiteAuth {
  /** The site's home URL, without a trailing slash (`https://agency.example`). */
  baseUrl: string;
  username: string;
  applicationPassword: string;
}

import { OutboundError, type OutboundFetch } from '../net/outbound';
import { outboundFetch } from '../net/policy';

/** Codes of failures no retry can fix: the address is refused, or the answer is far too big. */
const PERMANENT_CODES = new Set([
  'outbound_address_refused',
  'outbound_scheme_refused',
  'outbound_body_too_large',
]);

/** A failed call. `status` 0 means no HTTP answer at all (DNS, refused, reset, timeout). */
export class WordPressError extends Error {
  override readonly name = 'WordPressError';
  constructor(
    readonly status: number,
    /** WordPress's `code` (`rest_no_route`, `incorrect_password`, ...), when it sent one. */
    readonly code: string | undefined,
    message: string,
    readonly details: {
      method: string;
      route: string;
      retryAfterSeconds?: number;
      /** Nested error codes (`data.details.*.code`) of a 400 `rest_invalid_param`. */
      nestedCodes?: string[];
      /** `data` of the WordPress error, e.g. `term_id` of `term_exists`. */
      data?: Record<string, unknown>;
    },
  ) {
    super(message);
  }
  get retryAfterSeconds(): number | undefined {
    return this.details.retryAfterSeconds;
  }
  get retryable(): boolean {
    if (this.code !== undefined && PERMANENT_CODES.has(this.code)) return false;
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

export type Query = Record<string, string | number | readonly (string | number)[] | undefined>;

export interface RequestOptions {
  query?: Query;
  /** Sent as JSON. */
  json?: unknown;
  /** Raw bytes (a media upload), with their type and file name. */
  file?: { bytes: Buffer; contentType: string; filename: string };
  signal?: AbortSignal;
}

export interface WordPressResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

export interface WordPressClient {
  readonly baseUrl: string;
  readonly username: string;
  /** The full URL of a REST route with its query. */
  url(route: string, query?: Query): string;
  request<T>(method: string, route: string, opts?: RequestOptions): Promise<WordPressResponse<T>>;
  get<T>(route: string, query?: Query, signal?: AbortSignal): Promise<T>;
  post<T>(route: string, json: unknown, signal?: AbortSignal): Promise<T>;
}

export interface ClientOptions {
  /** Per request; the activity's cancellation signal still applies on top. */
  timeoutMs?: number;
  /** Largest answer read (media lists and posts are small; a 400 MB answer is not buffered). */
  maxBodyBytes?: number;
  /** Default: the SSRF-guarded fetch under the process's OUTBOUND_ALLOW_PRIVATE policy. */
  fetch?: OutboundFetch;
}

const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Strips a trailing slash and any `/wp-json` or `/?rest_route` the operator pasted. */
export function normalizeBaseUrl(url: string): string {
  const u = new URL(url.trim());
  u.hash = '';
  u.search = '';
  u.pathname = u.pathname.replace(/\/wp-json\/?.*$/, '').replace(/\/+$/, '');
  return u.toString().replace(/\/+$/, '');
}

export function createWordPressClient(
  site: WordPressSiteAuth,
  opts: ClientOptions = {},
): WordPressClient {
  const baseUrl = site.baseUrl.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const doFetch =
    opts.fetch ?? outboundFetch({ maxBodyBytes: opts.maxBodyBytes ?? MAX_BODY_BYTES, timeoutMs });
  const authorization = `Basic ${Buffer.from(
    `${site.username}:${site.applicationPassword.replace(/\s+/g, '')}`,
  ).toString('base64')}`;

  const url = (route: string, query: Query = {}): string => {
    const params = new URLSearchParams({ rest_route: route });
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      params.set(key, Array.isArray(value) ? value.join(',') : String(value));
    }
    // WordPress reads `rest_route` raw; keep its slashes readable in logs.
    return `${baseUrl}/?${params.toString().replace(/%2F/g, '/')}`;
  };

  async function request<T>(
    method: string,
    route: string,
    o: RequestOptions = {},
  ): Promise<WordPressResponse<T>> {
    const headers: Record<string, string> = { authorization, accept: 'application/json' };
    let body: string | Buffer | undefined;
    if (o.file) {
      headers['content-type'] = o.file.contentType;
      headers['content-disposition'] = `attachment; filename="${o.file.filename}"`;
      body = o.file.bytes;
    } else if (o.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(o.json);
    }
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
    let res: Response;
    try {
      // Manual: a redirect (http -> https, another host) would drop the credentials or turn a
      // POST into a GET; the operator should store the address WordPress actually answers on.
      res = await doFetch(url(route, o.query), {
        method,
        headers,
        body,
        signal,
        redirect: 'manual',
      });
    } catch (err) {
      if (o.signal?.aborted) throw err;
      if (err instanceof OutboundError) throw outboundFailure(err, method, route, baseUrl);
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const why = timeout.aborted
        ? `no answer within ${Math.round(timeoutMs / 1000)} s`
        : (cause?.code ?? cause?.message ?? (err as Error).message);
      throw new WordPressError(0, undefined, `Could not reach ${baseUrl}: ${why}`, {
        method,
        route,
      });
    }
    if (res.status >= 300 && res.status < 400) {
      const location = res.headers.get('location') ?? 'another address';
      throw new WordPressError(
        res.status,
        'redirected',
        `${baseUrl} redirects ${method} ${route} to ${location}: use the address WordPress answers on`,
        { method, route, data: { location } },
      );
    }
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      if (o.signal?.aborted) throw err;
      if (err instanceof OutboundError) throw outboundFailure(err, method, route, baseUrl);
      throw new WordPressError(
        0,
        undefined,
        `${baseUrl} broke off its answer to ${method} ${route}`,
        {
          method,
          route,
        },
      );
    }
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!res.ok) throw toError(res, parsed, method, route, baseUrl);
    if (parsed === undefined && text) {
      // A 200 that is not JSON: a page, not the REST API (wrong URL, REST disabled, a login wall).
      throw new WordPressError(
        res.status,
        'not_wordpress_rest',
        `${baseUrl} answered ${method} ${route} with a page instead of WordPress REST JSON`,
        { method, route },
      );
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  return {
    baseUrl,
    username: site.username,
    url,
    request,
    get: async <T>(route: string, query?: Query, signal?: AbortSignal) =>
      (await request<T>('GET', route, { query, signal })).body,
    post: async <T>(route: string, json: unknown, signal?: AbortSignal) =>
      (await request<T>('POST', route, { json, signal })).body,
  };
}

/** The guard's refusal or cut-off as a WordPress failure the activities and API understand. */
function outboundFailure(
  err: OutboundError,
  method: string,
  route: string,
  baseUrl: string,
): WordPressError {
  const data: Record<string, unknown> = {};
  if (err.details.address) data.address = err.details.address;
  if (err.details.category) data.category = err.details.category;
  const message =
    err.code === 'outbound_timeout'
      ? `Could not reach ${baseUrl}: ${err.message}`
      : `${baseUrl}: ${err.message}`;
  return new WordPressError(0, err.code, message, { method, route, data });
}

function toError(
  res: Response,
  body: unknown,
  method: string,
  route: string,
  baseUrl: string,
): WordPressError {
  const wp = (body ?? {}) as {
    code?: unknown;
    message?: unknown;
    data?: { details?: Record<string, { code?: unknown }> } & Record<string, unknown>;
  };
  const code = typeof wp.code === 'string' ? wp.code : undefined;
  const text = typeof wp.message === 'string' ? stripTags(wp.message) : undefined;
  const nestedCodes = Object.values(wp.data?.details ?? {})
    .map((d) => d?.code)
    .filter((c): c is string => typeof c === 'string');
  const retryAfterSeconds = parseRetryAfter(res.headers.get('retry-after'));
  return new WordPressError(
    res.status,
    code,
    `${baseUrl} answered ${method} ${route} with ${res.status}${code ? ` ${code}` : ''}${
      text ? `: ${text}` : ''
    }`,
    {
      method,
      route,
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
      ...(nestedCodes.length ? { nestedCodes } : {}),
      ...(wp.data ? { data: wp.data } : {}),
    },
  );
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(
  value: string | null,
  now: number = Date.now(),
): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

const stripTags = (s: string) => s.replace(/<[^>]*>/g, '').trim();
