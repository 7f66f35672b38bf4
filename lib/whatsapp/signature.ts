import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Meta signs each webhook POST with `X-Hub-Signature-256: sha256=<hex HMAC of the raw body>`
 * under the app secret. Verify the exact bytes received (a re-serialised body differs) and
 * compare in constant time.
 */
export function verifyMetaSignature(
  appSecret: string,
  rawBody: Buffer,
  header: string | undefined,
): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  const given = Buffer.from(match[1]!, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const signMetaPayload = (appSecret: string, rawBody: Buffer | string): string =>
  `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
