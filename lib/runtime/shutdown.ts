/**
 * Runs `steps` in order once, on the first SIGINT or SIGTERM, then exits. A second signal
 * exits at once (an operator who presses Ctrl-C twice means it).
 */
export function onShutdown(
  log: { info(msg: string): void; error(obj: unknown, msg: string): void },
  steps: Array<[string, () => Promise<unknown>]>,
): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info(`${signal}: shutting down`);
    void (async () => {
      let code = 0;
      for (const [name, step] of steps) {
        try {
          await step();
        } catch (err) {
          code = 1;
          log.error({ err }, `shutdown step failed: ${name}`);
        }
      }
      process.exit(code);
    })();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}
