/**
 * Where photos and other large blobs live. Workflows carry keys, never bytes, so every
 * driver must behave the same way: activities may run twice, so `put` overwrites and
 * `delete` of a missing key is a no-op; a missing object is a `StorageNotFoundError`.
 */

export interface OperationOptions {
  /** Aborts the I/O; activities pass `cancellationSignal()` so a cancelled activity stops. */
  signal?: AbortSignal;
}

export interface PutOptions extends OperationOptions {
  contentType: string;
  /** Hex SHA-256 of the body (as stored on listing_assets); the write fails if it differs. */
  sha256?: string;
}

export interface SignedUrlOptions {
  /** Lifetime of the URL; the driver's configured default when omitted. */
  ttlSeconds?: number;
}

export interface StoredObject {
  body: Buffer;
  contentType: string;
}

export interface Storage {
  put(key: string, body: Buffer | Uint8Array, opts: PutOptions): Promise<void>;
  /**
   * Stores a file from local disk without reading it into memory (a WhatsApp document can be
   * 100 MB): streamed to S3, copied on local disk. Same checksum rule as `put`.
   */
  putFile(key: string, file: string, opts: PutOptions): Promise<void>;
  get(key: string, opts?: OperationOptions): Promise<StoredObject>;
  exists(key: string, opts?: OperationOptions): Promise<boolean>;
  delete(key: string, opts?: OperationOptions): Promise<void>;
  signedUrl(key: string, opts?: SignedUrlOptions): Promise<string>;
}

export class StorageNotFoundError extends Error {
  override readonly name = 'StorageNotFoundError';
  constructor(readonly key: string) {
    super(`No stored object at key "${key}"`);
  }
}

export class InvalidStorageKeyError extends Error {
  override readonly name = 'InvalidStorageKeyError';
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`Invalid storage key ${JSON.stringify(key)}: ${reason}`);
  }
}

/** The body did not hash to the `sha256` the caller gave: a corrupt or mixed-up upload. */
export class StorageChecksumError extends Error {
  override readonly name = 'StorageChecksumError';
  constructor(readonly key: string) {
    super(`Body of "${key}" does not match the expected sha256`);
  }
}

// S3's own limit; the local driver keeps it so a key that works locally works on S3.
const MAX_KEY_BYTES = 1024;
const SEGMENT = /^[A-Za-z0-9._-]+$/;

/**
 * Keys become file paths in the local driver and object names in S3, and they carry the
 * tenant as their first segment, so anything that could escape a folder or alias another
 * key (`..`, `.`, a leading `/`, `//`, backslashes, odd characters) is refused up front.
 */
export function assertValidKey(key: string): void {
  if (key.length === 0) throw new InvalidStorageKeyError(key, 'it is empty');
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) {
    throw new InvalidStorageKeyError(key, `it is longer than ${MAX_KEY_BYTES} bytes`);
  }
  if (key.startsWith('/')) throw new InvalidStorageKeyError(key, 'it is an absolute path');
  for (const segment of key.split('/')) {
    if (segment === '') throw new InvalidStorageKeyError(key, 'it has an empty segment');
    if (segment === '.' || segment === '..') {
      throw new InvalidStorageKeyError(key, `it has a "${segment}" segment`);
    }
    if (!SEGMENT.test(segment)) {
      throw new InvalidStorageKeyError(key, 'only A-Z a-z 0-9 . _ - and / are allowed');
    }
  }
}

/** Normalises the hex digest callers pass; a malformed one is a caller bug, not a mismatch. */
export function parseSha256Hex(sha256: string): Buffer {
  if (!/^[0-9a-fA-F]{64}$/.test(sha256)) {
    throw new TypeError('sha256 must be 64 hexadecimal characters');
  }
  return Buffer.from(sha256, 'hex');
}

export function resolveTtlSeconds(opts: SignedUrlOptions | undefined, fallback: number): number {
  const ttl = opts?.ttlSeconds ?? fallback;
  if (!Number.isInteger(ttl) || ttl <= 0) {
    throw new RangeError(`ttlSeconds must be a positive integer, got ${ttl}`);
  }
  return ttl;
}
