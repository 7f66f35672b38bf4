import { normalizeDeep } from '../text/normalize';
import { InboundMessage, MessageStatus } from './payload';

/**
 * Each inbound item of a webhook is judged on its own, before anything is written: one bad
 * message must never take the others of its delivery (or of its group commit) down with it.
 * An item is either storable (normalised: NUL removed, lone surrogates replaced, NFC) or
 * quarantined with a machine-readable reason; both are acknowledged to Meta.
 */
export type QuarantineReason =
  'unknown_shape' | 'invalid_timestamp' | 'oversize' | 'refused_by_database';

export interface Quarantined {
  item: 'message' | 'status';
  reason: QuarantineReason;
  detail: string;
  raw: unknown;
}

export type Screened<T> = { ok: true; value: T } | ({ ok: false } & Quarantined);

/**
 * WhatsApp caps a text at 4,096 characters and a caption at 1,024; a message whose JSON is
 * far beyond that is not one Meta sent, and is not worth a row of its own.
 */
export const MAX_ITEM_JSON_CHARS = 64 * 1024;
// Meta's clock and ours may disagree a little; a day ahead is no longer a clock.
const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

/** Seconds since the epoch as Meta writes them, or why not. */
export function timestampProblem(value: string, now = Date.now()): string | undefined {
  if (!/^\d{1,15}$/.test(value)) return `timestamp ${JSON.stringify(value)} is not whole seconds`;
  const ms = Number(value) * 1000;
  if (ms <= 0 || ms > now + MAX_FUTURE_MS)
    return `timestamp ${value} is not a time this message could have been sent`;
  return undefined;
}

function sizeProblem(item: 'message' | 'status', raw: unknown): Quarantined | undefined {
  let json: string;
  try {
    json = JSON.stringify(raw) ?? '';
  } catch {
    return { item, reason: 'unknown_shape', detail: 'not serialisable as JSON', raw };
  }
  if (json.length > MAX_ITEM_JSON_CHARS)
    return {
      item,
      reason: 'oversize',
      detail: `${json.length} characters of JSON (limit ${MAX_ITEM_JSON_CHARS})`,
      raw,
    };
  return undefined;
}

const issuesOf = (error: { issues: Array<{ path: PropertyKey[]; message: string }> }) =>
  error.issues
    .slice(0, 5)
    .map((i) => `/${i.path.map(String).join('/')}: ${i.message}`)
    .join('; ');

export function screenMessage(raw: unknown, now = Date.now()): Screened<InboundMessage> {
  const tooBig = sizeProblem('message', raw);
  if (tooBig) return { ok: false, ...tooBig };
  const parsed = InboundMessage.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      item: 'message',
      reason: 'unknown_shape',
      detail: issuesOf(parsed.error),
      raw,
    };
  const m = parsed.data;
  if (!m.id || m.id.length > 256 || !m.from || m.from.length > 64 || !m.type)
    return {
      ok: false,
      item: 'message',
      reason: 'unknown_shape',
      detail: 'id, from and type must be short, non-empty strings',
      raw,
    };
  const when = timestampProblem(m.timestamp, now);
  if (when) return { ok: false, item: 'message', reason: 'invalid_timestamp', detail: when, raw };
  return { ok: true, value: normalizeDeep(m) };
}

export function screenStatus(raw: unknown, now = Date.now()): Screened<MessageStatus> {
  const tooBig = sizeProblem('status', raw);
  if (tooBig) return { ok: false, ...tooBig };
  const parsed = MessageStatus.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      item: 'status',
      reason: 'unknown_shape',
      detail: issuesOf(parsed.error),
      raw,
    };
  const when = timestampProblem(parsed.data.timestamp, now);
  if (when) return { ok: false, item: 'status', reason: 'invalid_timestamp', detail: when, raw };
  return { ok: true, value: normalizeDeep(parsed.data) };
}

/** The provider's id of an item, when it has a usable one (for support's search). */
export function providerIdOf(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const id = (raw as { id?: unknown }).id;
  return typeof id === 'string' && id.length <= 256 ? normalizeDeep(id) : undefined;
}
