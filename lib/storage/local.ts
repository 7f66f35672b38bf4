import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, readFile, rename, rm, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import {
  assertValidKey,
  parseSha256Hex,
  resolveTtlSeconds,
  StorageChecksumError,
  StorageNotFoundError,
  type OperationOptions,
  type PutOptions,
  type SignedUrlOptions,
  type Storage,
  type StoredObject,
} from './storage';

/**
 * Local-disk driver for `npm start` on one machine. Photos are served by the API's
 * `/files/*` route, which checks the HMAC this driver puts in `signedUrl` with
 * `verifyFileSignature` and then streams `get()`.
 *
 * Side files use `~`, a character keys may not contain, so a content-type sidecar or a
 * half-written temp file can never collide with another key's data file.
 */
const META_SUFFIX = '~meta.json';
const TMP_SUFFIX = '~tmp-';
const DEFAULT_CONTENT_TYPE = 'application/octet-stream';
// Binds the MAC to its purpose so the same secret signing something else cannot be replayed here.
const SIGNING_CONTEXT = 'realty-storage/file-url/v1';

const Meta = z.object({ contentType: z.string().min(1) });

export interface LocalStorageOptions {
  /** Root folder; relative paths resolve against the working directory. */
  root: string;
  /** Public base URL of the API that serves `/files/*`. */
  publicUrl: string;
  /** STORAGE_URL_SECRET. */
  urlSecret: string;
  defaultTtlSeconds: number;
}

export class LocalStorage implements Storage {
  private readonly root: string;

  constructor(private readonly opts: LocalStorageOptions) {
    if (!opts.urlSecret) throw new TypeError('LocalStorage needs a urlSecret to sign file URLs');
    this.root = path.resolve(opts.root);
  }

  async put(key: string, body: Buffer | Uint8Array, opts: PutOptions): Promise<void> {
    const file = this.pathOf(key);
    if (opts.sha256 !== undefined) {
      const expected = parseSha256Hex(opts.sha256);
      if (!createHash('sha256').update(body).digest().equals(expected)) {
        throw new StorageChecksumError(key);
      }
    }
    await mkdir(path.dirname(file), { recursive: true });
    // Sidecar first: an object exists once its data file does, and by then its content type
    // is already in place. A crash in between leaves no object; the retried put rewrites both.
    const meta = JSON.stringify({ contentType: opts.contentType });
    await writeAtomically(file + META_SUFFIX, meta, opts.signal);
    await writeAtomically(file, body, opts.signal);
  }

  async putFile(key: string, source: string, opts: PutOptions): Promise<void> {
    const file = this.pathOf(key);
    if (opts.sha256 !== undefined) {
      const expected = parseSha256Hex(opts.sha256);
      const hash = createHash('sha256');
      for await (const chunk of createReadStream(source, { signal: opts.signal }))
        hash.update(chunk as Buffer);
      if (!hash.digest().equals(expected)) throw new StorageChecksumError(key);
    }
    await mkdir(path.dirname(file), { recursive: true });
    const meta = JSON.stringify({ contentType: opts.contentType });
    await writeAtomically(file + META_SUFFIX, meta, opts.signal);
    const tmp = `${file}${TMP_SUFFIX}${randomUUID()}`;
    try {
      opts.signal?.throwIfAborted();
      await copyFile(source, tmp);
      await rename(tmp, file);
    } catch (err) {
      await rm(tmp, { force: true });
      throw err;
    }
  }

  async get(key: string, opts?: OperationOptions): Promise<StoredObject> {
    const file = this.pathOf(key);
    let body: Buffer;
    try {
      body = await readFile(file, { signal: opts?.signal });
    } catch (err) {
      if (isMissing(err)) throw new StorageNotFoundError(key);
      throw err;
    }
    return { body, contentType: await readContentType(file, opts?.signal) };
  }

  async exists(key: string, opts?: OperationOptions): Promise<boolean> {
    const file = this.pathOf(key);
    opts?.signal?.throwIfAborted();
    try {
      // A directory is a key prefix here, not an object, as on S3.
      return (await stat(file)).isFile();
    } catch (err) {
      if (isMissing(err)) return false;
      throw err;
    }
  }

  async delete(key: string, opts?: OperationOptions): Promise<void> {
    if (!(await this.exists(key, opts))) return;
    const file = this.pathOf(key);
    // Data first, so the object is gone even if removing the sidecar fails.
    await unlink(file).catch(ignoreMissing);
    await rm(file + META_SUFFIX, { force: true });
  }

  signedUrl(key: string, opts?: SignedUrlOptions): Promise<string> {
    // Signing is synchronous, but a bad key must reject the promise, not throw, as on S3.
    return new Promise((resolve) => resolve(this.signUrl(key, opts)));
  }

  private signUrl(key: string, opts: SignedUrlOptions | undefined): string {
    assertValidKey(key);
    const ttl = resolveTtlSeconds(opts, this.opts.defaultTtlSeconds);
    const expires = Math.floor(Date.now() / 1000) + ttl;
    const sig = fileSignature(this.opts.urlSecret, key, expires);
    const base = this.opts.publicUrl.replace(/\/+$/, '');
    const encodedKey = key.split('/').map(encodeURIComponent).join('/');
    return `${base}/files/${encodedKey}?expires=${expires}&sig=${sig}`;
  }

  private pathOf(key: string): string {
    assertValidKey(key);
    const file = path.join(this.root, ...key.split('/'));
    // assertValidKey already forbids escapes; this guards against a future change to it.
    if (!file.startsWith(this.root + path.sep)) throw new Error(`Key "${key}" escapes the root`);
    return file;
  }
}

export type FileSignatureResult =
  { ok: true } | { ok: false; reason: 'expired' | 'bad_signature' | 'malformed' };

/** Query values as Koa and node:querystring hand them over. */
type QueryValue = string | string[] | undefined;

/**
 * Checks a `/files/*` URL made by `LocalStorage.signedUrl`. `key` is the decoded path after
 * `/files/`; `expires` and `sig` are the raw query values. The signature is checked before
 * the expiry so `expired` is only ever reported for a URL this server really issued.
 */
export function verifyFileSignature(
  secret: string,
  key: string,
  expires: QueryValue,
  sig: QueryValue,
  now: Date,
): FileSignatureResult {
  if (typeof expires !== 'string' || !/^\d{1,15}$/.test(expires)) {
    return { ok: false, reason: 'malformed' };
  }
  if (typeof sig !== 'string' || !/^[0-9a-f]{64}$/.test(sig)) {
    return { ok: false, reason: 'malformed' };
  }
  try {
    assertValidKey(key);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const expiresAt = Number(expires);
  const expected = Buffer.from(fileSignature(secret, key, expiresAt), 'hex');
  // Both are 32 bytes (checked above), which timingSafeEqual requires.
  if (!timingSafeEqual(expected, Buffer.from(sig, 'hex'))) {
    return { ok: false, reason: 'bad_signature' };
  }
  if (Math.floor(now.getTime() / 1000) >= expiresAt) return { ok: false, reason: 'expired' };
  return { ok: true };
}

function fileSignature(secret: string, key: string, expires: number): string {
  // Newline-separated: keys cannot contain one, so (key, expires) pairs cannot alias.
  return createHmac('sha256', secret)
    .update(`${SIGNING_CONTEXT}\n${key}\n${expires}`)
    .digest('hex');
}

/**
 * Temp file + fsync + rename: readers see the old object or the new one, never a torn
 * write, and the bytes are on disk before the caller records the key as stored.
 */
async function writeAtomically(
  file: string,
  data: string | Uint8Array,
  signal: AbortSignal | undefined,
): Promise<void> {
  const tmp = `${file}${TMP_SUFFIX}${randomUUID()}`;
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(data, { signal });
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

async function readContentType(file: string, signal: AbortSignal | undefined): Promise<string> {
  try {
    const parsed = Meta.safeParse(
      JSON.parse(await readFile(file + META_SUFFIX, { signal, encoding: 'utf8' })),
    );
    return parsed.success ? parsed.data.contentType : DEFAULT_CONTENT_TYPE;
  } catch (err) {
    // A file put by hand (or by an older version) has no sidecar; serve it as opaque bytes.
    if (isMissing(err) || err instanceof SyntaxError) return DEFAULT_CONTENT_TYPE;
    throw err;
  }
}

// ENOTDIR: a parent "folder" is itself an object; EISDIR: the key names a prefix.
const MISSING_CODES = new Set(['ENOENT', 'ENOTDIR', 'EISDIR']);

function isMissing(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && MISSING_CODES.has(code);
}

function ignoreMissing(err: unknown): void {
  if (!isMissing(err)) throw err;
}
