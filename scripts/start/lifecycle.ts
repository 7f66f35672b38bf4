import { setTimeout as sleep } from 'node:timers/promises';
import { errorText, say, warn } from './log';

type Stop = () => Promise<void>;

const REPEAT_WINDOW_MS = 1500;
const STARTUP_GRACE_MS = 30_000;

/**
 * The order things stop in. Each started piece registers how to stop it; shutdown runs them in
 * reverse order of start (API and worker, then Temporal, then Postgres), each awaited, so no
 * process loses its database or Temporal while it is still finishing work.
 */
export class Lifecycle {
  private readonly steps: Array<{ name: string; stop: Stop }> = [];
  private finishing: Promise<never> | undefined;
  private startup: Promise<unknown> = Promise.resolve();
  private closed = false;

  get stopping(): boolean {
    return this.finishing !== undefined;
  }

  /**
   * The start-up sequence. A shutdown that begins mid-start waits (up to STARTUP_GRACE_MS)
   * for it to settle, so a server that was still starting is registered and stopped too
   * instead of being orphaned. Start-up code checks `stopping` to bail out early.
   */
  trackStartup(startup: Promise<unknown>): void {
    this.startup = startup;
  }

  /** Registers `stop`; once the stop sequence has run, stops a latecomer at once. */
  add(name: string, stop: Stop): void {
    if (this.closed) {
      void stop().catch((err: unknown) => warn(`stopping ${name} failed: ${errorText(err)}`));
      return;
    }
    this.steps.push({ name, stop });
  }

  /** Stops everything once, then exits with `code` (or 1 if a step failed). */
  shutdown(code: number, reason: string): Promise<never> {
    this.finishing ??= (async () => {
      say(`${reason}: stopping`);
      await Promise.race([this.startup.catch(() => undefined), sleep(STARTUP_GRACE_MS)]);
      this.closed = true;
      let exitCode = code;
      for (const { name, stop } of this.steps.splice(0).reverse()) {
        try {
          await stop();
          say(`${name} stopped`);
        } catch (err) {
          exitCode = exitCode || 1;
          warn(`stopping ${name} failed: ${errorText(err)}`);
        }
      }
      process.exit(exitCode);
    })();
    return this.finishing;
  }

  /**
   * SIGINT (Ctrl-C), SIGTERM (service managers, `docker stop`) and SIGHUP (closed terminal)
   * stop everything with exit code 0. One Ctrl-C under `npm start` arrives several times within
   * milliseconds (from the terminal, and relayed by npm and by tsx), so repeats within
   * REPEAT_WINDOW_MS are the same request; a later signal means "now" and exits at once.
   */
  handleSignals(): void {
    let firstAt = 0;
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(signal, () => {
        if (!this.stopping) {
          firstAt = Date.now();
          void this.shutdown(0, signal);
        } else if (Date.now() - firstAt > REPEAT_WINDOW_MS) {
          warn(`${signal} again: exiting without waiting`);
          process.exit(1);
        }
      });
    }
  }
}
