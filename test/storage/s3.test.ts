import assert from 'node:assert/strict';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import { HeadBucketCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { StorageConfig } from '../../lib/config';
import {
  createStorage,
  InvalidStorageKeyError,
  S3Storage,
  StorageChecksumError,
  StorageNotFoundError,
} from '../../lib/storage';

// The harness starts MinIO and passes its address; a unique bucket keeps this file's
// objects apart from any other test file running at the same time.
const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run through npm run test:suite`);
  return value;
};
const ENDPOINT = env('TEST_S3_ENDPOINT');
const BUCKET = `realty-storage-${randomUUID().slice(0, 8)}`;
const s3Env = {
  STORAGE_DRIVER: 's3',
  S3_BUCKET: BUCKET,
  S3_ENDPOINT: ENDPOINT,
  S3_FORCE_PATH_STYLE: 'true',
  S3_ACCESS_KEY_ID: env('TEST_S3_ACCESS_KEY_ID'),
  S3_SECRET_ACCESS_KEY: env('TEST_S3_SECRET_ACCESS_KEY'),
};
// A second client, independent of the driver, to check what really is in the bucket.
const raw = new S3Client({
  region: 'us-east-1',
  endpoint: ENDPOINT,
  forcePathStyle: true,
  credentials: { accessKeyId: s3Env.S3_ACCESS_KEY_ID, secretAccessKey: s3Env.S3_SECRET_ACCESS_KEY },
});
let storage: S3Storage;

before(async () => {
  const s = createStorage(StorageConfig.parse(s3Env), 'http://unused.test');
  assert.ok(s instanceof S3Storage, 'STORAGE_DRIVER=s3 builds the S3 driver');
  storage = s;
  await storage.ensureBucket();
});

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const keysInBucket = async () =>
  ((await raw.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => o.Key);

test('ensureBucket created the bucket and is idempotent', async () => {
  await raw.send(new HeadBucketCommand({ Bucket: BUCKET }));
  await storage.ensureBucket();
});

test('put then get returns the same bytes and content type', async () => {
  const body = randomBytes(256 * 1024);
  await storage.put('agency-a/assets/photo-1.jpg', body, { contentType: 'image/jpeg' });
  const got = await storage.get('agency-a/assets/photo-1.jpg');
  assert.ok(got.body.equals(body), 'bytes round-trip');
  assert.equal(got.contentType, 'image/jpeg');

  await storage.put('agency-a/assets/photo-1.jpg', new Uint8Array([7, 8]), {
    contentType: 'image/png',
  });
  const again = await storage.get('agency-a/assets/photo-1.jpg');
  assert.deepEqual([...again.body], [7, 8]);
  assert.equal(again.contentType, 'image/png');
});

test('exists and delete; delete of a missing key is a no-op', async () => {
  const key = 'agency-a/assets/to-delete.webp';
  assert.equal(await storage.exists(key), false);
  await storage.put(key, Buffer.from('x'), { contentType: 'image/webp' });
  assert.equal(await storage.exists(key), true);
  await storage.delete(key);
  assert.equal(await storage.exists(key), false);
  assert.ok(!(await keysInBucket()).includes(key));
  await storage.delete(key);
});

test('a missing key is StorageNotFoundError; a missing bucket is not', async () => {
  await assert.rejects(storage.get('agency-a/nope.jpg'), (err: unknown) => {
    assert.ok(err instanceof StorageNotFoundError);
    assert.equal(err.key, 'agency-a/nope.jpg');
    return true;
  });
  const wrongBucket = createStorage(
    StorageConfig.parse({ ...s3Env, S3_BUCKET: `${BUCKET}-missing` }),
    'http://unused.test',
  );
  await assert.rejects(wrongBucket.get('agency-a/nope.jpg'), (err: unknown) => {
    assert.ok(!(err instanceof StorageNotFoundError), 'misconfiguration stays loud');
    assert.equal((err as Error).name, 'NoSuchBucket');
    return true;
  });
});

test('sha256 is sent as ChecksumSHA256: a mismatch stores nothing, a match stores', async () => {
  const body = randomBytes(1024);
  await assert.rejects(
    storage.put('agency-a/sum.bin', body, { contentType: 'x/y', sha256: sha256(randomBytes(1)) }),
    StorageChecksumError,
  );
  assert.equal(await storage.exists('agency-a/sum.bin'), false);
  await storage.put('agency-a/sum.bin', body, { contentType: 'x/y', sha256: sha256(body) });
  assert.ok((await storage.get('agency-a/sum.bin')).body.equals(body));
});

test('invalid keys are refused before reaching S3', async () => {
  for (const key of ['../x', '/abs', 'a//b', 'a/./b', '', 'a b', 'a?b']) {
    await assert.rejects(
      storage.put(key, Buffer.from('x'), { contentType: 'text/plain' }),
      InvalidStorageKeyError,
      `put ${JSON.stringify(key)}`,
    );
    await assert.rejects(storage.get(key), InvalidStorageKeyError);
    await assert.rejects(storage.exists(key), InvalidStorageKeyError);
    await assert.rejects(storage.delete(key), InvalidStorageKeyError);
    await assert.rejects(storage.signedUrl(key), InvalidStorageKeyError);
  }
  const keys = await keysInBucket();
  assert.ok(
    keys.every((k) => k?.startsWith('agency-a/')),
    `only valid keys stored: ${keys.join()}`,
  );
});

test('a presigned URL serves the object; tampering or another key gets 403', async () => {
  const body = randomBytes(2048);
  const key = 'agency-a/assets/signed.jpg';
  await storage.put(key, body, { contentType: 'image/jpeg' });

  const url = new URL(await storage.signedUrl(key, { ttlSeconds: 120 }));
  assert.equal(url.searchParams.get('X-Amz-Expires'), '120', 'ttlSeconds becomes expiresIn');
  const ok = await fetch(url);
  assert.equal(ok.status, 200);
  assert.equal(ok.headers.get('content-type'), 'image/jpeg');
  assert.ok(Buffer.from(await ok.arrayBuffer()).equals(body), 'same bytes over HTTP');

  const sig = url.searchParams.get('X-Amz-Signature') ?? '';
  const tampered = new URL(url);
  tampered.searchParams.set('X-Amz-Signature', (sig[0] === '0' ? '1' : '0') + sig.slice(1));
  const bad = await fetch(tampered);
  await bad.arrayBuffer();
  assert.equal(bad.status, 403);

  // The signature covers the key: it cannot be moved to another tenant's object.
  await storage.put('agency-b/assets/signed.jpg', body, { contentType: 'image/jpeg' });
  const moved = new URL(url);
  moved.pathname = moved.pathname.replace('agency-a', 'agency-b');
  const other = await fetch(moved);
  await other.arrayBuffer();
  assert.equal(other.status, 403);

  const byDefault = new URL(await storage.signedUrl(key));
  assert.equal(byDefault.searchParams.get('X-Amz-Expires'), '900', 'STORAGE_URL_TTL_SECONDS');
});

test('putFile streams a file from disk into the bucket, checksum verified by the store', async () => {
  const body = randomBytes(3 * 1024 * 1024);
  const dir = mkdtempSync(path.join(os.tmpdir(), 's3-putfile-'));
  try {
    const source = path.join(dir, 'download');
    writeFileSync(source, body);
    await storage.putFile('agency-a/assets/doc-1.png', source, {
      contentType: 'image/png',
      sha256: sha256(body),
    });
    const got = await storage.get('agency-a/assets/doc-1.png');
    assert.ok(got.body.equals(body));
    assert.equal(got.contentType, 'image/png');
    await assert.rejects(
      storage.putFile('agency-a/assets/doc-2.png', source, {
        contentType: 'image/png',
        sha256: sha256(Buffer.from('other')),
      }),
      StorageChecksumError,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
