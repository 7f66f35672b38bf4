import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type PutObjectCommandInput,
  S3ServiceException,
  type BucketLocationConstraint,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
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

export interface S3StorageOptions {
  /** Injected so one client (and its connection pool) is shared per process. */
  client: S3Client;
  bucket: string;
  defaultTtlSeconds: number;
}

/**
 * S3 (or any S3-compatible store) driver. The SDK keeps its default retries: unlike AI and
 * WordPress calls, a storage call is cheap to repeat and a quick retry saves a whole
 * activity attempt. Browsers fetch photos straight from the bucket with presigned URLs.
 */
export class S3Storage implements Storage {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(private readonly opts: S3StorageOptions) {
    this.client = opts.client;
    this.bucket = opts.bucket;
  }

  async put(key: string, body: Buffer | Uint8Array, opts: PutOptions): Promise<void> {
    assertValidKey(key);
    await this.send(key, body, undefined, opts);
  }

  async putFile(key: string, file: string, opts: PutOptions): Promise<void> {
    assertValidKey(key);
    const { size } = await stat(file);
    await this.send(key, createReadStream(file), size, opts);
  }

  private async send(
    key: string,
    body: PutObjectCommandInput['Body'],
    contentLength: number | undefined,
    opts: PutOptions,
  ): Promise<void> {
    // S3 wants the digest in base64; we keep hex in the database. S3 then verifies the
    // body server-side and refuses a mismatch, so a corrupt upload is never stored.
    const checksum =
      opts.sha256 === undefined ? undefined : parseSha256Hex(opts.sha256).toString('base64');
    const command = new PutObjectCommand({
      Bucket: this.bucket,
      Key: key,
      Body: body,
      ...(contentLength === undefined ? {} : { ContentLength: contentLength }),
      ContentType: opts.contentType,
      ChecksumSHA256: checksum,
    });
    try {
      await this.client.send(command, { abortSignal: opts.signal });
    } catch (err) {
      // AWS answers BadDigest; MinIO (and some other S3-compatible stores) the second code.
      if (hasCode(err, 'BadDigest') || hasCode(err, 'XAmzContentChecksumMismatch')) {
        throw new StorageChecksumError(key);
      }
      throw err;
    }
  }

  async get(key: string, opts?: OperationOptions): Promise<StoredObject> {
    assertValidKey(key);
    const command = new GetObjectCommand({ Bucket: this.bucket, Key: key });
    try {
      const res = await this.client.send(command, { abortSignal: opts?.signal });
      if (!res.Body) throw new Error(`S3 returned no body for "${key}"`);
      const bytes = await res.Body.transformToByteArray();
      return {
        body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        contentType: res.ContentType ?? 'application/octet-stream',
      };
    } catch (err) {
      // Only a missing key; NoSuchBucket is a misconfiguration and must stay loud.
      if (hasCode(err, 'NoSuchKey')) throw new StorageNotFoundError(key);
      throw err;
    }
  }

  async exists(key: string, opts?: OperationOptions): Promise<boolean> {
    assertValidKey(key);
    const command = new HeadObjectCommand({ Bucket: this.bucket, Key: key });
    try {
      await this.client.send(command, { abortSignal: opts?.signal });
      return true;
    } catch (err) {
      // HEAD responses have no body, so a 404 carries no error code to tell key from bucket.
      if (statusOf(err) === 404) return false;
      throw err;
    }
  }

  async delete(key: string, opts?: OperationOptions): Promise<void> {
    assertValidKey(key);
    // S3 answers 204 for a missing key too, which is the idempotency activities need.
    const command = new DeleteObjectCommand({ Bucket: this.bucket, Key: key });
    await this.client.send(command, { abortSignal: opts?.signal });
  }

  async signedUrl(key: string, opts?: SignedUrlOptions): Promise<string> {
    assertValidKey(key);
    const expiresIn = resolveTtlSeconds(opts, this.opts.defaultTtlSeconds);
    const command = new GetObjectCommand({ Bucket: this.bucket, Key: key });
    return getSignedUrl(this.client, command, { expiresIn });
  }

  /** Creates the bucket if it is missing; start scripts and tests call it, requests never do. */
  async ensureBucket(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      return;
    } catch (err) {
      if (statusOf(err) !== 404) throw err;
    }
    // us-east-1 is the one region S3 refuses as an explicit LocationConstraint.
    const region = await this.client.config.region();
    const location =
      region === 'us-east-1'
        ? undefined
        : { LocationConstraint: region as BucketLocationConstraint };
    try {
      await this.client.send(
        new CreateBucketCommand({ Bucket: this.bucket, CreateBucketConfiguration: location }),
      );
    } catch (err) {
      // Another process created it between our HEAD and CREATE: the outcome we wanted.
      if (!hasCode(err, 'BucketAlreadyOwnedByYou')) throw err;
    }
  }
}

function hasCode(err: unknown, code: string): boolean {
  return err instanceof S3ServiceException && err.name === code;
}

function statusOf(err: unknown): number | undefined {
  return err instanceof S3ServiceException ? err.$metadata.httpStatusCode : undefined;
}
