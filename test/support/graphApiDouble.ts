import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes } from 'node:crypto';

/**
 * A stand-in for Meta's WhatsApp Cloud API (which cannot run here), speaking its wire format:
 * `GET /{media-id}` -> media URL and metadata, `GET <url>` with the bearer token -> bytes,
 * `POST /{phone-number-id}/messages` -> `{ messaging_product, contacts, messages: [{ id }] }`.
 */
export interface SentMessage {
  phoneNumberId: string;
  to: string;
  type: 'text' | 'template';
  /** The text's body; for a template, its body variables joined by a space. */
  text: string;
  template?: { name: string; language: string; params: string[] };
  id: string;
}

export interface GraphApiDouble {
  baseUrl: string;
  token: string;
  sent: SentMessage[];
  mediaRequests: string[];
  addMedia(id: string, bytes: Buffer, mimeType: string): void;
  /** The next `count` calls to `path` prefix answer `status` with Meta's error body. */
  failNext(
    pathPrefix: string,
    status: number,
    count?: number,
    headers?: Record<string, string>,
  ): void;
  close(): Promise<void>;
}

interface OutgoingMessage {
  to?: string;
  type?: string;
  text?: { body?: string };
  template?: {
    name?: string;
    language?: { code?: string };
    components?: Array<{ type?: string; parameters?: Array<{ type?: string; text?: string }> }>;
  };
}

/** A template message as Meta reads it: name, language code and the body's text variables. */
function templateOf(body: OutgoingMessage): SentMessage['template'] {
  const t = body.template;
  if (!t?.name || !t.language?.code) return undefined;
  const params = (t.components ?? [])
    .filter((c) => c.type === 'body')
    .flatMap((c) => c.parameters ?? [])
    .map((p) => p.text ?? '');
  return { name: t.name, language: t.language.code, params };
}

/** `port` and `token` are fixed by `npm run demo`, whose running worker must find it; tests take any. */
export async function startGraphApiDouble(
  opts: { port?: number; token?: string } = {},
): Promise<GraphApiDouble> {
  const token = opts.token ?? `EAAG${randomBytes(12).toString('hex')}`;
  const media = new Map<string, { bytes: Buffer; mimeType: string }>();
  const failures: Array<{
    prefix: string;
    status: number;
    left: number;
    headers: Record<string, string>;
  }> = [];
  const sent: SentMessage[] = [];
  const mediaRequests: string[] = [];
  let baseUrl = '';

  const json = (
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const metaError = (status: number) => ({
    error: {
      message: status === 401 ? 'Error validating access token' : 'Service temporarily unavailable',
      type: 'OAuthException',
      code: status === 401 ? 190 : 2,
      fbtrace_id: 'A1b2C3',
    },
  });

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const failure = failures.find((f) => url.pathname.startsWith(f.prefix) && f.left > 0);
    if (failure) {
      failure.left -= 1;
      return json(res, failure.status, metaError(failure.status), failure.headers);
    }
    if (req.headers.authorization !== `Bearer ${token}`) return json(res, 401, metaError(401));

    const download = /^\/files\/(.+)$/.exec(url.pathname);
    if (req.method === 'GET' && download) {
      const item = media.get(decodeURIComponent(download[1]!));
      if (!item) return json(res, 404, metaError(404));
      res.writeHead(200, { 'content-type': item.mimeType, 'content-length': item.bytes.length });
      return res.end(item.bytes);
    }
    const send = /^\/([^/]+)\/messages$/.exec(url.pathname);
    if (req.method === 'POST' && send) {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString()) as OutgoingMessage;
        const id = `wamid.${randomBytes(16).toString('base64url')}`;
        const template = body.type === 'template' ? templateOf(body) : undefined;
        const text = body.type === 'text' ? body.text?.body : template?.params.join(' ');
        // Meta's answer to a message it cannot take: 400 with error 131008 / 132000.
        if (!body.to || text === undefined || (body.type === 'template' && !template))
          return json(res, 400, {
            error: {
              message: '(#131008) Required parameter is missing',
              type: 'OAuthException',
              code: 131008,
              fbtrace_id: 'A1b2C3',
            },
          });
        sent.push({
          phoneNumberId: send[1]!,
          to: body.to,
          type: body.type === 'template' ? 'template' : 'text',
          text,
          ...(template ? { template } : {}),
          id,
        });
        json(res, 200, {
          messaging_product: 'whatsapp',
          contacts: [{ input: body.to, wa_id: body.to }],
          messages: [{ id }],
        });
      });
      return;
    }
    const mediaId = /^\/([^/]+)$/.exec(url.pathname)?.[1];
    const item = mediaId ? media.get(mediaId) : undefined;
    if (req.method === 'GET' && mediaId && item) {
      mediaRequests.push(mediaId);
      return json(res, 200, {
        messaging_product: 'whatsapp',
        // A fresh, expiring-looking URL each time, as Meta's are.
        url: `${baseUrl}/files/${encodeURIComponent(mediaId)}?ext=${Date.now()}`,
        mime_type: item.mimeType,
        sha256: createHash('sha256').update(item.bytes).digest('hex'),
        file_size: item.bytes.length,
        id: mediaId,
      });
    }
    json(res, 404, metaError(404));
  });
  server.listen(opts.port ?? 0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    token,
    sent,
    mediaRequests,
    addMedia: (id, bytes, mimeType) => media.set(id, { bytes, mimeType }),
    failNext: (prefix, status, count = 1, headers = {}) =>
      failures.push({ prefix, status, left: count, headers }),
    close: () => new Promise((r) => server.close(() => r())),
  };
}
