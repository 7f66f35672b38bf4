import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { PayloadKeyring } from './keyring';

/**
 * Encrypts every workflow payload (inputs, results, signals, updates, memos, failures' details)
 * before it leaves the process, so phone numbers, names and listing texts are ciphertext in
 * Temporal's history and in its UI. The whole payload (its metadata and data) is sealed with
 * AES-256-GCM; the outer payload says only "encrypted", with which key and which cipher.
 *
 * Decoding passes through any payload that is not ours: histories recorded before encryption
 * was turned on still replay and still show in the UI.
 */
export const ENCODING_ENCRYPTED = 'binary/encrypted';
export const CIPHER = 'AES256-GCM';
const METADATA_ENCODING = 'encoding';
const METADATA_KEY_ID = 'encryption-key-id';
const METADATA_CIPHER = 'encryption-cipher';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const utf8 = new TextEncoder();
const text = new TextDecoder();

export type PayloadCodecErrorCode = 'payload_key_unknown' | 'payload_tampered' | 'payload_cipher';

/** A payload this process cannot open: a key missing from the ring, or altered bytes. */
export class PayloadCodecError extends Error {
  override readonly name = 'PayloadCodecError';
  constructor(
    readonly code: PayloadCodecErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const meta = (payload: Payload, key: string): string | undefined => {
  const value = payload.metadata?.[key];
  return value ? text.decode(value) : undefined;
};

/** True when `payload` was sealed by this codec (whatever the key). */
export function isEncrypted(payload: Payload): boolean {
  return meta(payload, METADATA_ENCODING) === ENCODING_ENCRYPTED;
}

/** The key id an encrypted payload names; undefined for plaintext. */
export function payloadKeyId(payload: Payload): string | undefined {
  return isEncrypted(payload) ? meta(payload, METADATA_KEY_ID) : undefined;
}

// The key id and cipher are authenticated with the ciphertext: relabelling a payload with
// another key id is detected like any other tampering.
const associatedData = (keyId: string) => Buffer.from(`${CIPHER}:${keyId}`);

function seal(payload: Payload, keyId: string, key: Buffer): Payload {
  const plain = temporal.api.common.v1.Payload.encode(payload).finish();
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(associatedData(keyId));
  const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return {
    metadata: {
      [METADATA_ENCODING]: utf8.encode(ENCODING_ENCRYPTED),
      [METADATA_KEY_ID]: utf8.encode(keyId),
      [METADATA_CIPHER]: utf8.encode(CIPHER),
    },
    data: sealed,
  };
}

function open(payload: Payload, keyring: PayloadKeyring): Payload {
  const cipherName = meta(payload, METADATA_CIPHER);
  if (cipherName !== CIPHER)
    throw new PayloadCodecError(
      'payload_cipher',
      `Encrypted payload uses cipher "${cipherName ?? 'none'}"; this process reads ${CIPHER} only`,
    );
  const keyId = meta(payload, METADATA_KEY_ID) ?? '';
  const key = keyring.key(keyId);
  if (!key)
    throw new PayloadCodecError(
      'payload_key_unknown',
      `Payload is encrypted with key "${keyId}", which is not in TEMPORAL_PAYLOAD_KEYS (keep retired keys there until their histories are gone)`,
    );
  const data = Buffer.from(payload.data ?? new Uint8Array());
  if (data.length < IV_BYTES + TAG_BYTES)
    throw new PayloadCodecError('payload_tampered', 'Encrypted payload is truncated');
  const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
  decipher.setAAD(associatedData(keyId));
  decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
  let plain: Buffer;
  try {
    plain = Buffer.concat([
      decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
      decipher.final(),
    ]);
  } catch {
    throw new PayloadCodecError(
      'payload_tampered',
      `Encrypted payload (key "${keyId}") failed authentication: it was altered or truncated`,
    );
  }
  return temporal.api.common.v1.Payload.decode(plain);
}

export function createEncryptionCodec(keyring: PayloadKeyring): PayloadCodec {
  return {
    // Synchronous work behind the async interface; `then` turns a throw into a rejection.
    encode: (payloads) =>
      Promise.resolve().then(() => {
        const key = keyring.key(keyring.currentKeyId);
        if (!key) throw new PayloadCodecError('payload_key_unknown', 'The current key is missing');
        return payloads.map((p) => seal(p, keyring.currentKeyId, key));
      }),
    decode: (payloads) =>
      Promise.resolve().then(() => payloads.map((p) => (isEncrypted(p) ? open(p, keyring) : p))),
  };
}
