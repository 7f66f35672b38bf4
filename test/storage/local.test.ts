import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { StorageConfig } from '../../lib/config';
import {
  createStorage,
  InvalidStorageKeyError,
  LocalStorage,
  StorageChecksumError,
  StorageNotFoundError,
  verifyFileSignature,
} from '../../lib/storage';

const SECRET = 'local-storage-test-secret-0123456789abcdef';
const PUBLIC_URL = 'https://api.example.test/';
let scratch: string;
let root: string;
let storage: LocalStorage;

before(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'realty-storage-'));
  root = path.join(scratch, 'root');
  storage = new LocalStorage({
    root,
    publicUrl: PUBLIC_URL,
    urlSecret: SECRET,
    defaultTtlSeconds: 900,
  });
});
after(() => rmSync(scratch, { recursive: true, force: true }));

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Every file under `dir`, relative, so a test can see exactly what a driver left behind. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

test('put then get returns the same bytes and content type', async () => {
  const body = randomBytes(4096);
  await storage.put('agency-a/assets/photo-1.jpg', body, { contentType: 'image/jpeg' });
  const got = await storage.get('agency-a/assets/photo-1.jpg');
  assert.ok(got.body.equals(body), 'bytes round-trip');
  assert.equal(got.contentType, 'image/jpeg');

  // Uint8Array bodies and overwrites (activities run twice) replace both bytes and type.
  const next = new Uint8Array([1, 2, 3]);
  await storage.put('agency-a/assets/photo-1.jpg', next, { contentType: 'image/png' });
  const again = await storage.get('agency-a/assets/photo-1.jpg');
  assert.deepEqual([...again.body], [1, 2, 3]);
  assert.equal(again.contentType, 'image/png');
});

test('overwrites replace the file by rename and leave no temp files behind', async () => {
  const file = path.join(root, 'agency-tmp', 'a.bin');
  const first = randomBytes(10);
  await storage.put('agency-tmp/a.bin', first, { contentType: 'x/y' });
  const inode = statSync(file).ino;
  // A reader that opened the old file keeps reading whole old bytes: it was replaced, not rewritten.
  const reader = await open(file, 'r');
  try {
    await storage.put('agency-tmp/a.bin', randomBytes(10), { contentType: 'x/y' });
    assert.notEqual(statSync(file).ino, inode, 'a new file was renamed into place');
    assert.ok((await reader.readFile()).equals(first));
  } finally {
    await reader.close();
  }
  assert.deepEqual(filesUnder(path.join(root, 'agency-tmp')), ['a.bin', 'a.bin~meta.json']);
});

test('an aborted put rejects, keeps the old object and cleans up', async () => {
  const key = 'agency-tmp/aborted.bin';
  await storage.put(key, Buffer.from('old'), { contentType: 'text/plain' });
  await assert.rejects(
    storage.put(key, Buffer.from('new'), { contentType: 'x/y', signal: AbortSignal.abort() }),
    { name: 'AbortError' },
  );
  const got = await storage.get(key);
  assert.equal(got.body.toString(), 'old');
  assert.equal(got.contentType, 'text/plain');
  assert.ok(!filesUnder(path.join(root, 'agency-tmp')).some((f) => f.includes('~tmp-')));
});

test('exists and delete; delete of a missing key is a no-op', async () => {
  const key = 'agency-a/assets/to-delete.webp';
  assert.equal(await storage.exists(key), false);
  await storage.put(key, Buffer.from('x'), { contentType: 'image/webp' });
  assert.equal(await storage.exists(key), true);
  await storage.delete(key);
  assert.equal(await storage.exists(key), false);
  await assert.rejects(storage.get(key), StorageNotFoundError);
  await storage.delete(key);
  assert.ok(!existsSync(path.join(root, 'agency-a/assets/to-delete.webp~meta.json')));
});

test('a missing key or a key prefix is StorageNotFoundError and does not exist', async () => {
  await assert.rejects(storage.get('agency-a/nope.jpg'), (err: unknown) => {
    assert.ok(err instanceof StorageNotFoundError);
    assert.equal(err.key, 'agency-a/nope.jpg');
    return true;
  });
  // "agency-a/assets" is a folder on disk but not an object.
  await assert.rejects(storage.get('agency-a/assets'), StorageNotFoundError);
  assert.equal(await storage.exists('agency-a/assets'), false);
  // A path "through" an object is missing, not an ENOTDIR crash.
  await assert.rejects(storage.get('agency-a/assets/photo-1.jpg/x'), StorageNotFoundError);
});

test('sha256 is verified: a mismatch stores nothing, a match stores the object', async () => {
  const body = randomBytes(64);
  await assert.rejects(
    storage.put('agency-a/sum.bin', body, { contentType: 'x/y', sha256: sha256(randomBytes(1)) }),
    StorageChecksumError,
  );
  assert.equal(await storage.exists('agency-a/sum.bin'), false);
  await assert.rejects(
    storage.put('agency-a/sum.bin', body, { contentType: 'x/y', sha256: 'abc' }),
    /64 hexadecimal/,
  );
  await storage.put('agency-a/sum.bin', body, { contentType: 'x/y', sha256: sha256(body) });
  assert.ok((await storage.get('agency-a/sum.bin')).body.equals(body));
});

test('invalid keys are refused before touching the disk', async () => {
  const bad = ['../x', 'a/../../x', '/etc/passwd', 'a//b', 'a/./b', 'a/', '', 'a b', 'a\\b', 'é'];
  for (const key of bad) {
    await assert.rejects(
      storage.put(key, Buffer.from('x'), { contentType: 'text/plain' }),
      InvalidStorageKeyError,
      `put ${JSON.stringify(key)}`,
    );
    await assert.rejects(storage.get(key), InvalidStorageKeyError, `get ${JSON.stringify(key)}`);
    await assert.rejects(storage.exists(key), InvalidStorageKeyError);
    await assert.rejects(storage.delete(key), InvalidStorageKeyError);
    await assert.rejects(storage.signedUrl(key), InvalidStorageKeyError);
  }
  assert.ok(!existsSync(path.join(scratch, 'x')), 'nothing written outside the root');
  await assert.rejects(
    storage.get('../x'),
    /Invalid storage key "\.\.\/x": it has a "\.\." segment/,
  );
});

/** The parts of a signed URL the `/files/*` route will hand to verifyFileSignature. */
function parse(url: string) {
  const u = new URL(url);
  assert.ok(u.pathname.startsWith('/files/'));
  return {
    origin: u.origin,
    key: u.pathname.slice('/files/'.length).split('/').map(decodeURIComponent).join('/'),
    expires: u.searchParams.get('expires') ?? undefined,
    sig: u.searchParams.get('sig') ?? undefined,
  };
}

test('signedUrl points at /files/<key> and expires after the TTL', async () => {
  const before = Math.floor(Date.now() / 1000);
  const p = parse(await storage.signedUrl('agency-a/assets/photo-1.jpg'));
  assert.equal(p.origin, 'https://api.example.test');
  assert.equal(p.key, 'agency-a/assets/photo-1.jpg');
  const expires = Number(p.expires);
  assert.ok(expires >= before + 900 && expires <= Math.floor(Date.now() / 1000) + 900);

  const short = parse(await storage.signedUrl('agency-a/x', { ttlSeconds: 5 }));
  assert.ok(Number(short.expires) <= Math.floor(Date.now() / 1000) + 5);
  await assert.rejects(storage.signedUrl('agency-a/x', { ttlSeconds: 0 }), RangeError);
});

test('verifyFileSignature accepts a fresh URL and rejects tampering, expiry, bad input', async () => {
  const p = parse(await storage.signedUrl('agency-a/assets/photo-1.jpg', { ttlSeconds: 60 }));
  const sig = p.sig ?? '';
  const expiresAt = Number(p.expires);
  const now = new Date();
  const at = (unix: number) => new Date(unix * 1000);

  assert.deepEqual(verifyFileSignature(SECRET, p.key, p.expires, sig, now), { ok: true });
  assert.deepEqual(verifyFileSignature(SECRET, p.key, p.expires, sig, at(expiresAt - 1)), {
    ok: true,
  });

  const badSig = { ok: false, reason: 'bad_signature' };
  const flipped = (sig[0] === '0' ? '1' : '0') + sig.slice(1);
  assert.deepEqual(verifyFileSignature(SECRET, p.key, p.expires, flipped, now), badSig);
  // Same signature on another tenant's key, or with a later expiry, or another secret.
  assert.deepEqual(
    verifyFileSignature(SECRET, 'agency-b/assets/photo-1.jpg', p.expires, sig, now),
    badSig,
  );
  assert.deepEqual(verifyFileSignature(SECRET, p.key, String(expiresAt + 3600), sig, now), badSig);
  assert.deepEqual(verifyFileSignature(`${SECRET}x`, p.key, p.expires, sig, now), badSig);

  const expired = { ok: false, reason: 'expired' };
  assert.deepEqual(verifyFileSignature(SECRET, p.key, p.expires, sig, at(expiresAt)), expired);
  assert.deepEqual(verifyFileSignature(SECRET, p.key, p.expires, sig, at(expiresAt + 1)), expired);

  const malformed = { ok: false, reason: 'malformed' };
  const cases: Array<[string, string | string[] | undefined, string | string[] | undefined]> = [
    [p.key, undefined, sig],
    [p.key, p.expires, undefined],
    [p.key, 'soon', sig],
    [p.key, '-1', sig],
    [p.key, `${p.expires}.5`, sig],
    [p.key, [p.expires ?? '', p.expires ?? ''], sig],
    [p.key, p.expires, sig.slice(2)],
    [p.key, p.expires, sig.toUpperCase()],
    [p.key, p.expires, `${sig.slice(1)}z`],
    [p.key, p.expires, [sig]],
    ['../agency-a/assets/photo-1.jpg', p.expires, sig],
  ];
  for (const [key, expires, s] of cases) {
    assert.deepEqual(
      verifyFileSignature(SECRET, key, expires, s, now),
      malformed,
      JSON.stringify({ key, expires, s }),
    );
  }
});

test('createStorage picks the local driver from StorageConfig', async () => {
  const dir = path.join(scratch, 'from-config');
  const config = StorageConfig.parse({ STORAGE_DIR: dir, STORAGE_URL_SECRET: SECRET });
  const s = createStorage(config, 'http://127.0.0.1:3000');
  assert.ok(s instanceof LocalStorage);
  await s.put('agency-c/a.txt', Buffer.from('hi'), { contentType: 'text/plain' });
  assert.ok(existsSync(path.join(dir, 'agency-c', 'a.txt')), 'rooted at STORAGE_DIR');
  const p = parse(await s.signedUrl('agency-c/a.txt'));
  assert.equal(p.origin, 'http://127.0.0.1:3000');
  const ttl = Number(p.expires) - Math.floor(Date.now() / 1000);
  assert.ok(ttl > 890 && ttl <= 900, 'STORAGE_URL_TTL_SECONDS default applies');
  assert.deepEqual(verifyFileSignature(SECRET, p.key, p.expires, p.sig, new Date()), { ok: true });
});

test('putFile stores a file from disk as put would, and refuses a wrong checksum', async () => {
  const body = randomBytes(3 * 1024 * 1024);
  const source = path.join(scratch, 'download');
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
  assert.equal(await storage.exists('agency-a/assets/doc-2.png'), false);
});
