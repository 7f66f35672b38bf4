import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * What every bench's API and worker processes share: production mode, the throw-away database,
 * the bench's Temporal server, fresh secrets and payload encryption as in production, storage
 * in the bench's scratch folder. Each bench adds its own settings (ports, windows, Graph URL).
 */
export function benchProcessEnv(opts: {
  databaseUrl: string;
  temporalAddress: string;
  encryptionKey: string;
  payloadKeys: string;
  appSecret: string;
  scratch: string;
}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    DATABASE_URL: opts.databaseUrl,
    APP_DB_ROLE: process.env.APP_DB_ROLE,
    TEMPORAL_ADDRESS: opts.temporalAddress,
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEY: opts.encryptionKey,
    TEMPORAL_PAYLOAD_KEYS: opts.payloadKeys,
    STORAGE_URL_SECRET: randomBytes(32).toString('hex'),
    STORAGE_DIR: path.join(opts.scratch, 'storage'),
    WHATSAPP_APP_SECRET: opts.appSecret,
    HOST: '127.0.0.1',
  };
}
