import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * The few WhatsApp Cloud API calls the product makes, over fetch. Errors keep Meta's status
 * and error code so activities can tell retryable failures (429, 5xx) from permanent ones
 * (401/403: a revoked token; 400: bad input).
 */
export class GraphApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | undefined,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
  get retryable(): boolean {
    return this.status === 429 || this.status >= 500;
  }
}

export interface MediaInfo {
  url: string;
  mime_type: string;
  sha256?: string;
  file_size?: number;
  id: string;
}

export interface DownloadedFile {
  bytes: number;
  /** SHA-256 of what was written, computed while streaming. */
  sha256: Buffer;
}

export interface GraphClient {
  mediaInfo(mediaId: string, signal?: AbortSignal): Promise<MediaInfo>;
  /**
   * Streams a media file to `file` on local disk, never holding it in memory; refused with
   * `MediaTooLargeError` as soon as it passes `maxBytes` (declared or counted).
   */
  downloadTo(
    url: string,
    file: string,
    maxBytes: number,
    signal?: AbortSignal,
  ): Promise<DownloadedFile>;
  sendText(
    phoneNumberId: string,
    to: string,
    body: string,
    signal?: AbortSignal,
  ): Promise<{ messageId: string }>;
  /** A pre-approved template: the only kind of message Meta delivers outside the 24-hour window. */
  sendTemplate(
    phoneNumberId: string,
    to: string,
    template: TemplateMessage,
    signal?: AbortSignal,
  ): Promise<{ messageId: string }>;
}

export interface TemplateMessage {
  name: string;
  /** Meta's language code of the approved translation (`en`, `es`, `pt_BR`, `ar`, ...). */
  languageCode: string;
  /** Values of the body's `{{1}}`, `{{2}}`, ... in order. */
  bodyParams: string[];
}

export class MediaTooLargeError extends Error {}

/** Every call is bounded in time and size: a stalled or endless answer cannot hold a worker. */
export interface GraphLimits {
  /** JSON calls (media info, sends). */
  callTimeoutMs: number;
  /** A whole media download. */
  downloadTimeoutMs: number;
  /** The most a JSON answer may be; Meta's are a few hundred bytes. */
  maxJsonBytes: number;
}

export const DEFAULT_GRAPH_LIMITS: GraphLimits = {
  callTimeoutMs: 20_000,
  downloadTimeoutMs: 90_000,
  maxJsonBytes: 1024 * 1024,
};

const within = (ms: number, signal: AbortSignal | undefined | null): AbortSignal =>
  signal ? AbortSignal.any([signal, AbortSignal.timeout(ms)]) : AbortSignal.timeout(ms);

/** Reads a body up to `maxBytes`, cancelling the stream past it. */
async function readCapped(res: Response, maxBytes: number): Promise<Buffer> {
  const declared = Number(res.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    await res.body?.cancel();
    throw new GraphApiError(
      502,
      undefined,
      `WhatsApp API answer of ${declared} bytes is too large`,
    );
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res.body ?? []) {
    total += (chunk as Uint8Array).byteLength;
    if (total > maxBytes)
      throw new GraphApiError(502, undefined, `WhatsApp API answer over ${maxBytes} bytes`);
    chunks.push(Buffer.from(chunk as Uint8Array));
  }
  return Buffer.concat(chunks);
}

export function createGraphClient(
  baseUrl: string,
  accessToken: string,
  limits: GraphLimits = DEFAULT_GRAPH_LIMITS,
): GraphClient {
  const auth = { authorization: `Bearer ${accessToken}` };

  async function call<T>(path: string, init: RequestInit): Promise<T> {
    const res = await fetch(`${baseUrl}${path}`, {
      ...init,
      signal: within(limits.callTimeoutMs, init.signal),
      headers: { ...auth, ...init.headers },
    });
    if (!res.ok) throw await graphError(res, limits.maxJsonBytes);
    return JSON.parse((await readCapped(res, limits.maxJsonBytes)).toString('utf8')) as T;
  }

  async function send(
    phoneNumberId: string,
    message: Record<string, unknown>,
    signal: AbortSignal | undefined,
  ): Promise<{ messageId: string }> {
    const sent = await call<{ messages?: Array<{ id: string }> }>(
      `/${encodeURIComponent(phoneNumberId)}/messages`,
      {
        method: 'POST',
        signal,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          ...message,
        }),
      },
    );
    const id = sent.messages?.[0]?.id;
    if (!id)
      throw new GraphApiError(502, undefined, 'WhatsApp accepted the message but returned no id');
    return { messageId: id };
  }

  return {
    mediaInfo: (mediaId, signal) => call<MediaInfo>(`/${encodeURIComponent(mediaId)}`, { signal }),
    async downloadTo(url, file, maxBytes, signal) {
      const bounded = within(limits.downloadTimeoutMs, signal);
      const res = await fetch(url, { headers: auth, signal: bounded });
      if (!res.ok) throw await graphError(res, limits.maxJsonBytes);
      const declared = Number(res.headers.get('content-length') ?? 0);
      if (declared > maxBytes) {
        await res.body?.cancel();
        throw new MediaTooLargeError(`${declared} bytes is over ${maxBytes}`);
      }
      const hash = createHash('sha256');
      let total = 0;
      const counted = new Transform({
        transform(chunk: Buffer, _enc, done) {
          total += chunk.byteLength;
          if (total > maxBytes) return done(new MediaTooLargeError(`more than ${maxBytes} bytes`));
          hash.update(chunk);
          done(null, chunk);
        },
      });
      if (!res.body) throw new GraphApiError(502, undefined, 'WhatsApp API sent no media body');
      await pipeline(Readable.fromWeb(res.body), counted, createWriteStream(file), {
        signal: bounded,
      });
      return { bytes: total, sha256: hash.digest() };
    },
    sendText: (phoneNumberId, to, body, signal) =>
      send(phoneNumberId, { to, type: 'text', text: { body } }, signal),
    sendTemplate: (phoneNumberId, to, template, signal) =>
      send(
        phoneNumberId,
        {
          to,
          type: 'template',
          template: {
            name: template.name,
            language: { code: template.languageCode },
            components: template.bodyParams.length
              ? [
                  {
                    type: 'body',
                    parameters: template.bodyParams.map((text) => ({ type: 'text', text })),
                  },
                ]
              : [],
          },
        },
        signal,
      ),
  };
}

async function graphError(res: Response, maxBytes: number): Promise<GraphApiError> {
  let code: number | undefined;
  let message = `WhatsApp API answered ${res.status}`;
  try {
    const body = JSON.parse((await readCapped(res, maxBytes)).toString('utf8')) as {
      error?: { code?: number; message?: string };
    };
    code = body.error?.code;
    if (body.error?.message) message = `${message}: ${body.error.message}`;
  } catch {
    /* not JSON */
  }
  const retryAfter = Number(res.headers.get('retry-after'));
  return new GraphApiError(
    res.status,
    code,
    message,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}
