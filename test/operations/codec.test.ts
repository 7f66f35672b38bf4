import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Payload } from '@temporalio/common';
import { defaultPayloadConverter } from '@temporalio/common';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { temporal } from '@temporalio/proto';
import {
  createEncryptionCodec,
  isEncrypted,
  payloadKeyId,
  PayloadCodecError,
} from '../../lib/temporal/codec';
import { parseKeyring, KeyringError } from '../../lib/temporal/keyring';
import { temporalConnectionOptions, temporalDataConverter } from '../../lib/temporal/connection';
import { createTemporal } from '../../lib/temporal/client';
import { TemporalConfig } from '../../lib/config';
import { workflowBundle } from '../support/worker';
import { historyFromFile } from '../support/histories';

const key = () => randomBytes(32).toString('base64');
const K1 = key();
const K2 = key();
const PHONE = '+34 600 123 456';

const plain = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);
const value = (payload: Payload): unknown => defaultPayloadConverter.fromPayload(payload);

describe('payload codec', () => {
  const ringV1 = parseKeyring(`k1=${K1}`);
  const ringV2 = parseKeyring(`k2=${K2},k1=${K1}`);

  test('encrypts with the current key and decrypts back to the same value', async () => {
    const codec = createEncryptionCodec(ringV1);
    const [sealed] = await codec.encode([plain({ phone: PHONE, remarks: 'Sea view' })]);
    assert.ok(sealed && isEncrypted(sealed));
    assert.equal(payloadKeyId(sealed), 'k1');
    assert.ok(!Buffer.from(sealed.data!).toString('latin1').includes('600 123'));
    // The original encoding travels inside the ciphertext, not beside it.
    assert.equal(Buffer.from(sealed.metadata!.encoding!).toString(), 'binary/encrypted');
    const [opened] = await codec.decode([sealed]);
    assert.deepEqual(value(opened!), { phone: PHONE, remarks: 'Sea view' });
  });

  test('after a rotation, new payloads use the new key and old ones still open', async () => {
    const [old] = await createEncryptionCodec(ringV1).encode([plain('before rotation')]);
    const rotated = createEncryptionCodec(ringV2);
    const [fresh] = await rotated.encode([plain('after rotation')]);
    assert.equal(payloadKeyId(fresh!), 'k2');
    const opened = await rotated.decode([old!, fresh!]);
    assert.deepEqual(opened.map(value), ['before rotation', 'after rotation']);
    // A ring that dropped the old key refuses its payloads by name, not with garbage.
    const withoutOld = createEncryptionCodec(parseKeyring(`k2=${K2}`));
    await assert.rejects(
      withoutOld.decode([old!]),
      (err: unknown) => err instanceof PayloadCodecError && err.code === 'payload_key_unknown',
    );
  });

  test('altered ciphertext, a truncated payload or a relabelled key id is refused', async () => {
    const codec = createEncryptionCodec(ringV2);
    const [sealed] = await codec.encode([plain({ phone: PHONE })]);
    const flipped = Buffer.from(sealed!.data!);
    flipped[20] = flipped[20]! ^ 0x01;
    const tampered = { metadata: sealed!.metadata, data: flipped };
    const truncated = { metadata: sealed!.metadata, data: flipped.subarray(0, 10) };
    const relabelled = {
      metadata: { ...sealed!.metadata, 'encryption-key-id': Buffer.from('k1') },
      data: sealed!.data,
    };
    for (const bad of [tampered, truncated, relabelled])
      await assert.rejects(
        codec.decode([bad]),
        (err: unknown) => err instanceof PayloadCodecError && err.code === 'payload_tampered',
      );
  });

  test('payloads without its encoding pass through (histories from before encryption)', async () => {
    const codec = createEncryptionCodec(ringV2);
    const before = plain({ phone: PHONE });
    const [out] = await codec.decode([before]);
    assert.equal(out, before);
  });

  test('a malformed keyring stops the process with a readable reason', () => {
    assert.throws(() => parseKeyring(`k1=${randomBytes(16).toString('base64')}`), /32 bytes/);
    assert.throws(() => parseKeyring(`k1=${K1},k1=${K2}`), /listed twice/);
    assert.throws(() => parseKeyring(`k1=${K1}`, 'k9'), KeyringError);
    assert.throws(() => parseKeyring(`=${K1}`), /key id/);
    assert.equal(parseKeyring(`a=${K1},b=${K2}`, 'b').currentKeyId, 'b');
  });
});

/** The events' payloads of a history as Temporal stores them (no codec applied). */
function storedPayloads(history: temporal.api.history.v1.IHistory): Payload[] {
  const found: Payload[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    const record = node as Record<string, unknown>;
    if (Array.isArray(record.payloads)) found.push(...(record.payloads as Payload[]));
    for (const v of Object.values(record)) if (typeof v === 'object') walk(v);
  };
  walk(history.events);
  return found;
}

describe('encrypted workflows on a real Temporal server', () => {
  const base = {
    TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233',
  };
  const v1 = TemporalConfig.parse({ ...base, TEMPORAL_PAYLOAD_KEYS: `k1=${K1}` });
  const taskQueue = `codec-${randomBytes(4).toString('hex')}`;
  const received: unknown[] = [];
  let worker: Worker;
  let running: Promise<void>;
  let connection: NativeConnection;

  before(async () => {
    connection = await NativeConnection.connect(temporalConnectionOptions(v1));
    worker = await Worker.create({
      connection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      dataConverter: temporalDataConverter(v1),
      activities: {
        replyToUnknownSender: async (input: unknown) => {
          received.push(input);
        },
      },
    });
    running = worker.run();
  });
  after(async () => {
    worker.shutdown();
    await running;
    await connection.close();
  });

  test('the history holds ciphertext; worker and client see the values; rotation replays', async () => {
    const encrypted = createTemporal(v1);
    const plainClient = createTemporal(TemporalConfig.parse(base));
    try {
      const input = { agencyId: randomUUID(), phone: PHONE, channelId: null };
      const workflowId = `codec-test-${randomUUID()}`;
      const handle = await encrypted.client.workflow.start('unknownSenderWorkflow', {
        taskQueue,
        workflowId,
        args: [input],
      });
      await handle.result();
      assert.deepEqual(received, [input], 'the activity got the decrypted input');

      const history = await plainClient.client.workflow.getHandle(workflowId).fetchHistory();
      const payloads = storedPayloads(history);
      assert.ok(payloads.length >= 2, 'workflow input and activity input are in the history');
      for (const p of payloads) assert.equal(payloadKeyId(p), 'k1');
      const bytes = Buffer.from(JSON.stringify(history.events)).toString('latin1');
      assert.ok(!bytes.includes('600 123'), 'no phone number in plaintext');
      const rawInput = Buffer.from(payloads[0]!.data!).toString('latin1');
      assert.ok(!rawInput.includes('600 123'));

      // After rotating to k2 (k1 kept for old histories) the run still replays.
      const rotated = TemporalConfig.parse({
        ...base,
        TEMPORAL_PAYLOAD_KEYS: `k2=${K2},k1=${K1}`,
      });
      await Worker.runReplayHistory(
        { workflowBundle: await workflowBundle(), dataConverter: temporalDataConverter(rotated) },
        history,
        workflowId,
      );
      // Without k1 the history cannot be read: replay fails instead of guessing.
      const dropped = TemporalConfig.parse({ ...base, TEMPORAL_PAYLOAD_KEYS: `k2=${K2}` });
      await assert.rejects(
        Worker.runReplayHistory(
          { workflowBundle: await workflowBundle(), dataConverter: temporalDataConverter(dropped) },
          history,
          workflowId,
        ),
      );
    } finally {
      await encrypted.close();
      await plainClient.close();
    }
  });

  test('committed plaintext histories replay with encryption turned on', async () => {
    const dir = path.resolve(__dirname, '../workflows/histories');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    assert.ok(files.length > 0);
    const results = Worker.runReplayHistories(
      { workflowBundle: await workflowBundle(), dataConverter: temporalDataConverter(v1) },
      files.map((f) => ({ workflowId: f, history: historyFromFile(path.join(dir, f)) })),
    );
    let replayed = 0;
    for await (const result of results) {
      assert.equal(result.error, undefined, `${result.workflowId}: ${String(result.error)}`);
      replayed += 1;
    }
    assert.equal(replayed, files.length);
  });
});
