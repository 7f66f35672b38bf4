import dns, { type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, fetch as undiciFetch, type RequestInit as UndiciRequestInit } from 'undici';
import { categorize, type AddressCategory } from './addresses';

/**
 * Outbound HTTP to addresses someone outside the company chose (a tenant's WordPress URL, an
 * image URL): the guard against server-side request forgery. The address is checked where the
 * socket connects, after DNS resolution (so a name that resolves, or later re-resolves, to
 * 10.x or 169.254.169.254 is refused: no check-then-connect gap), and again on every redirect
 * hop, which is followed by hand. Every response body is read with a size cap and the whole
 * exchange with a timeout, so a hostile server can neither fill memory nor hold a worker.
 */

export type OutboundErrorCode =
  | 'outbound_address_refused'
  | 'outbound_scheme_refused'
  | 'outbound_too_many_redirects'
  | 'outbound_body_too_large'
  | 'outbound_timeout';

export class OutboundError extends Error {
  override readonly name = 'OutboundError';
  constructor(
    readonly code: OutboundErrorCode,
    message: string,
    readonly details: { url?: string; address?: string; category?: AddressCategory } = {},
  ) {
    super(message);
  }
}

/** Categories an explicit setting lets through (`OUTBOUND_ALLOW_PRIVATE=loopback`). */
export interface OutboundPolicy {
  allow: ReadonlySet<AddressCategory>;
}

export const ALLOWABLE: readonly AddressCategory[] = [
  'loopback',
  'private',
  'link-local',
  'cgnat',
  'unique-local',
  'metadata',
];

export function parseOutboundPolicy(setting: string | undefined): OutboundPolicy {
  const allow = new Set<AddressCategory>(['public']);
  for (const raw of (setting ?? '').split(',')) {
    const name = raw.trim();
    if (!name || name === 'none') continue;
    if (!(ALLOWABLE as readonly string[]).includes(name))
      throw new TypeError(
        `OUTBOUND_ALLOW_PRIVATE: "${name}" is not one of ${ALLOWABLE.join(', ')}, none`,
      );
    allow.add(name as AddressCategory);
  }
  return { allow };
}

function refuse(address: string, category: AddressCategory, host: string): OutboundError {
  return new OutboundError(
    'outbound_address_refused',
    `${host} is at ${address}, a ${category} address: requests from this service to ${category} addresses are refused`,
    { address, category },
  );
}

/** Throws unless `address` (an IP literal) may be reached under `policy`. */
export function assertAllowed(policy: OutboundPolicy, address: string, host = address): void {
  const category = categorize(address);
  if (!policy.allow.has(category)) throw refuse(address, category, host);
}

type Lookup = (
  hostname: string,
  options: LookupOptions,
  callback: (
    err: NodeJS.ErrnoException | null,
    address: string | LookupAddress[],
    family?: number,
  ) => void,
) => void;

/** A `lookup` for sockets that resolves as usual, then refuses if any address is not allowed. */
export function guardedLookup(
  policy: OutboundPolicy,
  resolve: typeof dns.lookup = dns.lookup,
): Lookup {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses;
      try {
        for (const a of list) assertAllowed(policy, a.address, hostname);
      } catch (refusal) {
        return callback(refusal as NodeJS.ErrnoException, []);
      }
      if (options.all) return callback(null, list);
      const first = list[0];
      if (!first)
        return callback(
          Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }),
          [],
        );
      callback(null, first.address, first.family);
    });
  };
}

export interface OutboundOptions {
  policy: OutboundPolicy;
  /** Largest response body read, in bytes. */
  maxBodyBytes: number;
  /** For the whole exchange: connect, every redirect hop, headers and body. */
  timeoutMs: number;
  maxRedirects?: number;
  /** DNS resolution (tests resolve names to chosen addresses; production uses the system's). */
  resolve?: typeof dns.lookup;
}

export type OutboundFetch = (
  url: string | URL,
  init?: RequestInit & { redirect?: 'follow' | 'manual' | 'error' },
) => Promise<Response>;

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const tooLarge = (url: string, max: number) =>
  new OutboundError(
    'outbound_body_too_large',
    `${new URL(url).host} answered with more than ${Math.round(max / 1024)} KiB: refused`,
    { url },
  );

/** The OutboundError under undici's "fetch failed", if one caused it. */
function unwrap(err: unknown): unknown {
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    if (e instanceof OutboundError) return e;
    e = (e as { cause?: unknown }).cause;
  }
  return err;
}

export function createOutboundFetch(opts: OutboundOptions): OutboundFetch {
  const lookup = guardedLookup(opts.policy, opts.resolve);
  const dispatcher = new Agent({ connect: { lookup } });
  const maxRedirects = opts.maxRedirects ?? 5;

  const checkUrl = (url: URL) => {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new OutboundError(
        'outbound_scheme_refused',
        `Only http and https URLs are fetched, not ${url.protocol}`,
        {
          url: url.toString(),
        },
      );
    // A literal IP never reaches `lookup`: checked here.
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) assertAllowed(opts.policy, host, url.host);
  };

  return async (input, init = {}) => {
    const timeout = AbortSignal.timeout(opts.timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    const mode = init.redirect ?? 'follow';
    let url = new URL(input);
    let method = init.method ?? 'GET';
    let body = init.body;
    for (let hop = 0; ; hop++) {
      checkUrl(url);
      let res: Response;
      try {
        res = await undiciFetch(url, {
          ...init,
          headers: init.headers as UndiciRequestInit['headers'],
          method,
          body: body as UndiciRequestInit['body'],
          signal,
          redirect: 'manual',
          dispatcher,
        });
      } catch (err) {
        const cause = unwrap(err);
        if (cause instanceof OutboundError) throw cause;
        if (timeout.aborted && !init.signal?.aborted)
          throw new OutboundError(
            'outbound_timeout',
            `${url.host} did not answer within ${Math.round(opts.timeoutMs / 1000)} s`,
            {
              url: url.toString(),
            },
          );
        throw err;
      }
      const location = res.headers.get('location');
      if (mode !== 'follow' || !REDIRECTS.has(res.status) || !location) {
        return limitBody(res, url.toString(), opts.maxBodyBytes, timeout);
      }
      await res.body?.cancel();
      if (hop >= maxRedirects)
        throw new OutboundError(
          'outbound_too_many_redirects',
          `${url.host} redirected more than ${maxRedirects} times`,
          {
            url: url.toString(),
          },
        );
      const next = new URL(location, url);
      // Credentials never follow a redirect to another origin.
      if (next.origin !== url.origin && init.headers) {
        const headers: Headers = new Headers(init.headers);
        headers.delete('authorization');
        headers.delete('cookie');
        init = { ...init, headers };
      }
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
        method = 'GET';
        body = undefined;
      }
      url = next;
    }
  };
}

const NULL_BODY = new Set([101, 204, 205, 304]);

/**
 * The response with its body read through a counter: past `max` bytes the read fails with
 * `outbound_body_too_large` (nothing more is buffered), past the deadline with `outbound_timeout`.
 */
function limitBody(res: Response, url: string, max: number, timeout: AbortSignal): Response {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    void res.body?.cancel();
    throw tooLarge(url, max);
  }
  if (!res.body || NULL_BODY.has(res.status)) return res;
  const upstream = res.body.getReader();
  let seen = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const chunk: { done: boolean; value?: Uint8Array } = await upstream.read();
        const value = chunk.value;
        if (chunk.done || !value) return controller.close();
        seen += value.byteLength;
        if (seen > max) {
          await upstream.cancel();
          return controller.error(tooLarge(url, max));
        }
        controller.enqueue(value);
      } catch (err) {
        controller.error(
          timeout.aborted
            ? new OutboundError(
                'outbound_timeout',
                `${new URL(url).host} did not finish its answer in time`,
                { url },
              )
            : err,
        );
      }
    },
    cancel: (reason) => upstream.cancel(reason),
  });
  return new Response(body, {
    status: res.status,
    statusText: res.statusText,
    headers: res.headers,
  });
}
