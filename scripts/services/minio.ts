import { mkdirSync } from 'node:fs';
import { findTool } from './tools';
import { startListening, type Service } from './process';

export interface MinioServer extends Service {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** MinIO, an S3-compatible server, on loopback with its data under `dir`. */
export async function startMinio(opts: { port: number; dir: string }): Promise<MinioServer> {
  mkdirSync(opts.dir, { recursive: true });
  const accessKeyId = 'realty-test';
  const secretAccessKey = 'realty-test-secret-key';
  const service = await startListening(
    'minio',
    findTool('minio'),
    ['server', opts.dir, '--address', `127.0.0.1:${opts.port}`, '--quiet'],
    opts.port,
    {
      ...process.env,
      MINIO_ROOT_USER: accessKeyId,
      MINIO_ROOT_PASSWORD: secretAccessKey,
      MINIO_BROWSER: 'off',
    },
  );
  return { ...service, endpoint: `http://127.0.0.1:${opts.port}`, accessKeyId, secretAccessKey };
}
