import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestApi, type TestApi } from '../support/api';
import { createEncryptionCodec } from '../../lib/temporal/codec';
import { parseKeyring } from '../../lib/temporal/keyring';

const KEYS = `ops1=${randomBytes(32).toString('base64')}`;
const TOKEN = randomBytes(24).toString('hex');
const UI = 'http://127.0.0.1:8233';

const wire = (p: { metadata?: Record<string, Uint8Array> | null; data?: Uint8Array | null }) => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? new Uint8Array()).toString('base64'),
});

describe('codec endpoint for the Temporal UI', () => {
  let db: TestDatabase;
  let api: TestApi;
  let sealed: ReturnType<typeof wire>;

  before(async () => {
    db = await createTestDatabase();
    api = await startTestApi(db, {
      TEMPORAL_PAYLOAD_KEYS: KEYS,
      TEMPORAL_CODEC_TOKEN: TOKEN,
      TEMPORAL_CODEC_CORS_ORIGINS: UI,
    });
    const [p] = await createEncryptionCodec(parseKeyring(KEYS)).encode([
      defaultPayloadConverter.toPayload({ phone: '+34600123456' }),
    ]);
    sealed = wire(p!);
  });
  after(async () => {
    await api.close();
    await db.drop();
  });

  test('an ops token decodes what the worker encrypted', async () => {
    const res = await api.request('POST', '/codec/decode', {
      body: { payloads: [sealed] },
      headers: { authorization: `Bearer ${TOKEN}`, 'x-namespace': 'default', origin: UI },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), UI);
    const [decoded] = res.body.payloads;
    assert.equal(Buffer.from(decoded.metadata.encoding, 'base64').toString(), 'json/plain');
    assert.deepEqual(JSON.parse(Buffer.from(decoded.data, 'base64').toString()), {
      phone: '+34600123456',
    });
  });

  test('encode then decode round-trips (the UI encodes what an operator types)', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const input = wire(defaultPayloadConverter.toPayload('hello'));
    const enc = await api.request('POST', '/codec/encode', {
      body: { payloads: [input] },
      headers: auth,
    });
    assert.equal(enc.status, 200);
    assert.equal(
      Buffer.from(enc.body.payloads[0].metadata.encoding, 'base64').toString(),
      'binary/encrypted',
    );
    const dec = await api.request('POST', '/codec/decode', { body: enc.body, headers: auth });
    assert.deepEqual(dec.body.payloads, [input]);
  });

  test('without the token, or with a wrong one, nothing is decoded', async () => {
    const none = await api.request('POST', '/codec/decode', { body: { payloads: [sealed] } });
    assert.equal(none.status, 401);
    assert.equal(none.body.error.code, 'codec_unauthorized');
    const wrong = await api.request('POST', '/codec/decode', {
      body: { payloads: [sealed] },
      headers: { authorization: `Bearer ${TOKEN.slice(0, -1)}x` },
    });
    assert.equal(wrong.status, 401);
    assert.ok(!JSON.stringify(wrong.body).includes('34600123456'));
  });

  test('a tampered payload and a malformed body get precise codes', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const bytes = Buffer.from(sealed.data, 'base64');
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 0xff;
    const tampered = await api.request('POST', '/codec/decode', {
      body: { payloads: [{ ...sealed, data: bytes.toString('base64') }] },
      headers: auth,
    });
    assert.equal(tampered.status, 422);
    assert.equal(tampered.body.error.code, 'payload_tampered');
    const malformed = await api.request('POST', '/codec/decode', {
      body: { payloads: 'nope' },
      headers: auth,
    });
    assert.equal(malformed.status, 422);
    assert.equal(malformed.body.error.code, 'validation_failed');
  });

  test('CORS preflight admits the UI origin only', async () => {
    const ok = await api.request('OPTIONS', '/codec/decode', {
      headers: {
        origin: UI,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,x-namespace,content-type',
      },
    });
    assert.equal(ok.status, 204);
    assert.equal(ok.headers.get('access-control-allow-origin'), UI);
    assert.match(ok.headers.get('access-control-allow-headers') ?? '', /X-Namespace/);
    const other = await api.request('OPTIONS', '/codec/decode', {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  });
});
