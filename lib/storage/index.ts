import { S3Client } from '@aws-sdk/client-s3';
import type { z } from 'zod';
import type { StorageConfig } from '../config';
import { LocalStorage } from './local';
import { S3Storage } from './s3';
import type { Storage } from './storage';

export {
  InvalidStorageKeyError,
  StorageChecksumError,
  StorageNotFoundError,
  assertValidKey,
  type OperationOptions,
  type PutOptions,
  type SignedUrlOptions,
  type Storage,
  type StoredObject,
} from './storage';
export {
  LocalStorage,
  verifyFileSignature,
  type FileSignatureResult,
  type LocalStorageOptions,
} from './local';
export { S3Storage, type S3StorageOptions } from './s3';

/** The storage part of AppConfig / WorkerConfig; either whole config can be passed. */
export type StorageSettings = z.infer<typeof StorageConfig>;

/**
 * Builds the configured driver. `publicUrl` is the API's PUBLIC_URL: local file URLs point
 * at its `/files/*` route. For S3, call `ensureBucket()` from start scripts, not per request.
 */
export function createStorage(config: StorageSettings, publicUrl: string): Storage {
  switch (config.STORAGE_DRIVER) {
    case 'local':
      if (!config.STORAGE_URL_SECRET) {
        throw new Error('STORAGE_URL_SECRET is required when STORAGE_DRIVER=local');
      }
      return new LocalStorage({
        root: config.STORAGE_DIR,
        publicUrl,
        urlSecret: config.STORAGE_URL_SECRET,
        defaultTtlSeconds: config.STORAGE_URL_TTL_SECONDS,
      });
    case 's3':
      if (!config.S3_BUCKET) throw new Error('S3_BUCKET is required when STORAGE_DRIVER=s3');
      return new S3Storage({
        client: createS3Client(config),
        bucket: config.S3_BUCKET,
        defaultTtlSeconds: config.STORAGE_URL_TTL_SECONDS,
      });
  }
}

function createS3Client(config: StorageSettings): S3Client {
  const { S3_ACCESS_KEY_ID: accessKeyId, S3_SECRET_ACCESS_KEY: secretAccessKey } = config;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new Error('Set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither');
  }
  return new S3Client({
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    // Without explicit keys the SDK's default chain applies (IAM role, profile, env).
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
  });
}
