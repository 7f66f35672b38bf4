import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { StorageConfig, loadConfig } from '../../lib/config';
import { S3Storage, createStorage } from '../../lib/storage';
import { say } from './log';

/**
 * Photos go to S3 when it is configured (STORAGE_DRIVER=s3, or an S3_BUCKET with no driver
 * named) and to a folder under the data directory otherwise. Returns the variables the API
 * and worker need on top of the environment.
 */
export async function prepareStorage(opts: {
  env: NodeJS.ProcessEnv;
  dataDir: string;
  publicUrl: string;
}): Promise<Record<string, string>> {
  const driver = opts.env.STORAGE_DRIVER || (opts.env.S3_BUCKET ? 's3' : 'local');
  if (driver === 's3') {
    const config = loadConfig(StorageConfig, { ...opts.env, STORAGE_DRIVER: 's3' });
    const storage = createStorage(config, opts.publicUrl);
    // Requests never create buckets (lib/storage/index.ts); a start script does, once.
    if (storage instanceof S3Storage) await storage.ensureBucket();
    say(`storing photos in S3 bucket ${config.S3_BUCKET}`);
    return { STORAGE_DRIVER: 's3' };
  }
  const dir = path.resolve(opts.env.STORAGE_DIR || path.join(opts.dataDir, 'storage'));
  mkdirSync(dir, { recursive: true });
  say(`storing photos in ${dir}`);
  return { STORAGE_DRIVER: 'local', STORAGE_DIR: dir };
}
