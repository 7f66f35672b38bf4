/**
 * The keys that encrypt workflow payloads. One key is current (new payloads are sealed with
 * it); older keys stay in the ring only to open histories written before a rotation. Rotation:
 * add the new key first in `TEMPORAL_PAYLOAD_KEYS` (or name it in `TEMPORAL_PAYLOAD_KEY_ID`),
 * keep the old ones until every workflow that used them has closed and aged out of retention.
 */
export interface PayloadKeyring {
  /** Id written into each encrypted payload's metadata. */
  currentKeyId: string;
  key(id: string): Buffer | undefined;
  ids(): string[];
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

export class KeyringError extends Error {
  override readonly name = 'KeyringError';
}

/**
 * Parses `id=base64key,id2=base64key` (32-byte keys, AES-256). The current key is
 * `currentKeyId` when given, else the first listed.
 */
export function parseKeyring(spec: string, currentKeyId?: string): PayloadKeyring {
  const keys = new Map<string, Buffer>();
  for (const entry of spec
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const eq = entry.indexOf('=');
    const id = eq > 0 ? entry.slice(0, eq) : '';
    if (!KEY_ID.test(id))
      throw new KeyringError(
        'TEMPORAL_PAYLOAD_KEYS: each entry is <key id>=<base64 key>, the id of letters, digits, ".", "_" or "-"',
      );
    const key = Buffer.from(entry.slice(eq + 1), 'base64');
    if (key.length !== 32)
      throw new KeyringError(`TEMPORAL_PAYLOAD_KEYS: key "${id}" must be 32 bytes, base64`);
    if (keys.has(id)) throw new KeyringError(`TEMPORAL_PAYLOAD_KEYS: key "${id}" is listed twice`);
    keys.set(id, key);
  }
  const first = keys.keys().next();
  if (first.done) throw new KeyringError('TEMPORAL_PAYLOAD_KEYS lists no key');
  const current = currentKeyId ?? first.value;
  if (!keys.has(current))
    throw new KeyringError(`TEMPORAL_PAYLOAD_KEY_ID "${current}" is not in TEMPORAL_PAYLOAD_KEYS`);
  return {
    currentKeyId: current,
    key: (id) => keys.get(id),
    ids: () => [...keys.keys()],
  };
}
