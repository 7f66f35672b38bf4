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

export interface GraphClient {
  mediaInfo(mediaId: string, signal?: AbortSignal): Promise<MediaInfo>;
  download(url: string, maxBytes: number, signal?: AbortSignal): Promise<Buffer>;
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

export function createGraphClient(baseUrl: string, accessToken: string): GraphClient {
  const auth = { authorization: `Bearer ${accessToken}` };

  async function call<T>(path: string, init: RequestInit): Promise<T> {
    const res = await fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { ...auth, ...init.headers },
    });
    if (!res.ok) throw await graphError(res);
    return (await res.json()) as T;
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
    async download(url, maxBytes, signal) {
      const res = await fetch(url, { headers: auth, signal });
      if (!res.ok) throw await graphError(res);
      const declared = Number(res.headers.get('content-length') ?? 0);
      if (declared > maxBytes)
        throw new MediaTooLargeError(`${declared} bytes is over ${maxBytes}`);
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of res.body ?? []) {
        total += (chunk as Uint8Array).byteLength;
        if (total > maxBytes) throw new MediaTooLargeError(`more than ${maxBytes} bytes`);
        chunks.push(Buffer.from(chunk as Uint8Array));
      }
      return Buffer.concat(chunks);
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

async function graphError(res: Response): Promise<GraphApiError> {
  let code: number | undefined;
  let message = `WhatsApp API answered ${res.status}`;
  try {
    const body = (await res.json()) as { error?: { code?: number; message?: string } };
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
