import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Credentials never reach a log line, wherever they sit in the logged object (headers of a
 * failed request, a site's application password, a config dump). Log lines are read by people
 * and shipped to other systems; a secret in one is a leaked secret.
 *
 * Why not pino's `redact` paths: every level of nesting needs its own wildcard path, and ~200
 * wildcard paths cost ~350 µs per line (measured), which the webhook path cannot pay. One walk
 * over the (small) logged object with a key test costs about a microsecond.
 */
const SECRET_SUFFIX =
  /(password|passwd|password_?hash|secret|token|api_?key|authorization|cookie|signature|signature-256|credentials|private_?key)$/;
const SECRET_EXACT = new Set([
  'encryption_key',
  'temporal_payload_keys',
  'database_url',
  'database_migration_url',
  'hub.verify_token',
]);
const CENSOR = '[redacted]';
const MAX_DEPTH = 6;

export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase();
  return SECRET_SUFFIX.test(k) || SECRET_EXACT.has(k);
}

/** `value` with every secret-named field replaced; objects without secrets are not copied. */
export function redactSecrets<T>(value: T, depth = 0): T {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  if (Buffer.isBuffer(value) || value instanceof Date) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const clean = redactSecrets(item as unknown, depth + 1);
      if (clean !== item) (copy ??= [...value])[i] = clean;
    });
    return (copy ?? value) as T;
  }
  let copy: Record<string, unknown> | undefined;
  const source = value as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    const item = source[key];
    const clean = isSecretKey(key) && item !== undefined ? CENSOR : redactSecrets(item, depth + 1);
    if (clean !== item) {
      copy ??= value instanceof Error ? errorFields(value) : { ...source };
      copy[key] = clean;
    }
  }
  return (copy ?? value) as T;
}

/** An error as a plain object (pino's serializer would have shown these), for a redacted copy. */
function errorFields(err: Error): Record<string, unknown> {
  return { ...err, type: err.name, message: err.message, stack: err.stack };
}

/** pino-pretty for a developer at a terminal; JSON everywhere else (production, files, CI). */
function prettyTransport(): pino.TransportSingleOptions | undefined {
  if (!process.stdout.isTTY || process.env.NODE_ENV === 'production') return undefined;
  if (process.env.LOG_FORMAT === 'json') return undefined;
  try {
    require.resolve('pino-pretty');
  } catch {
    return undefined; // A production install without dev dependencies.
  }
  return {
    target: 'pino-pretty',
    options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
  };
}

/**
 * One logger per process; children carry request id, tenant and workflow id. `destination`
 * replaces stdout (tests read what would have been written).
 */
export function createLogger(opts: {
  level: string;
  name: string;
  destination?: DestinationStream;
}): Logger {
  const options: pino.LoggerOptions = {
    name: opts.name,
    level: opts.level,
    formatters: {
      log: (object) => redactSecrets(object),
      bindings: (bindings) => redactSecrets(bindings),
    },
  };
  if (opts.destination) return pino(options, opts.destination);
  const transport = prettyTransport();
  if (transport) return pino({ ...options, transport });
  // Written by libuv off the event loop, not by a blocking write per line (the webhook
  // benchmark's profile showed the synchronous writes); flushed on exit. LOG_SYNC=true for
  // the old behaviour (a line is never lost even to SIGKILL).
  const sync = process.env.LOG_SYNC === 'true';
  return pino(options, pino.destination({ dest: 1, sync, minLength: 0 }));
}
