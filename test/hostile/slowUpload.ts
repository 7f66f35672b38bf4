import http from 'node:http';
import { randomBytes } from 'node:crypto';
import sharp from 'sharp';

export interface SlowUpload {
  /** Sends the rest of the body; the answer follows. */
  finish(): void;
  /** The answer, whenever it comes (a refusal may come before the body is finished). */
  response: Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any }>;
  abort(): void;
}

export const tinyPng = () =>
  sharp({ create: { width: 8, height: 8, channels: 3, background: '#7a9' } })
    .png()
    .toBuffer();

/**
 * A multipart POST /v1/listings that sends one whole photo and the start of a text field, then
 * stops until `finish()`: the server has the photo (and stores it) but not the end of the
 * body, as with a client on a slow link.
 */
export function slowUpload(baseUrl: string, token: string, photo: Buffer): SlowUpload {
  const boundary = `----hostile${randomBytes(8).toString('hex')}`;
  const req = http.request(`${baseUrl}/v1/listings`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'transfer-encoding': 'chunked',
    },
  });
  const response = new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any }>(
    (resolve, reject) => {
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            /* keep the text */
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      });
      req.on('error', reject);
    },
  );
  // A refusal before the body is finished closes the socket; the answer is what counts.
  response.catch(() => undefined);
  req.write(
    `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="room.png"\r\n` +
      `Content-Type: image/png\r\n\r\n`,
  );
  req.write(photo);
  req.write(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="text"\r\n\r\nFlat with `);
  return {
    finish() {
      req.end(`a balcony, 2 bedrooms\r\n--${boundary}--\r\n`);
    },
    response,
    abort() {
      req.destroy();
    },
  };
}
