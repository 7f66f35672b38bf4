/**
 * The start script's own voice. Its lines carry `[start]` like the children's carry `[api]` and
 * `[worker]`, so one terminal stays readable when every process writes to it.
 */
export const say = (message: string): void => {
  process.stdout.write(`[start] ${message}\n`);
};

export const warn = (message: string): void => {
  process.stderr.write(`[start] warning: ${message}\n`);
};

export const fail = (message: string): void => {
  process.stderr.write(`[start] error: ${message}\n`);
};

/** The message only: start-up failures are configuration problems more often than bugs. */
export const errorText = (err: unknown): string =>
  err instanceof Error ? err.message : String(err);
