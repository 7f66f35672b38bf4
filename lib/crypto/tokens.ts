import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random, URL-safe token with `bytes` of entropy. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/**
 * SHA-256 in hex: the digest of stored photos, and how high-entropy tokens (refresh tokens,
 * invitations, API keys) are stored:
 * a database leak reveals nothing usable, and the lookup stays an index hit. Passwords,
 * being low-entropy, use argon2id instead (lib/auth/passwords.ts).
 */
export const sha256Hex = (value: string | Buffer): string =>
  createHash('sha256').update(value).digest('hex');

/** Compares two strings in time that does not depend on where they first differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
