import pino, { type Logger } from 'pino';

export type { Logger };

/** One JSON logger per process; children carry request id, tenant and workflow id. */
export function createLogger(opts: { level: string; name: string }): Logger {
  return pino({
    name: opts.name,
    level: opts.level,
    redact: {
      paths: ['password', '*.password', 'refreshToken', '*.refreshToken', 'headers.authorization'],
      censor: '[redacted]',
    },
  });
}
