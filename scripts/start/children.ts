import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { ROOT } from './options';

export interface Child {
  name: string;
  running(): boolean;
  /** Resolves with the exit code (128 + n for a signal) when the process ends. */
  exited: Promise<number>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code (0: stopped cleanly). */
  stop(graceMs?: number): Promise<number>;
}

const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/** Copies a stream line by line with a `[name]` prefix, so interleaved output stays legible. */
function prefixLines(from: Readable | null, to: Writable, prefix: string): void {
  if (!from) return;
  createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => {
    to.write(`${prefix} ${line}\n`);
  });
}

/**
 * Runs `node --import tsx <script>` from the repository root. The child gets its own process
 * group (`detached`) so a Ctrl-C in the terminal reaches only the start script, which then
 * sends one SIGTERM in the right order; a second, direct signal would make the child skip its
 * graceful shutdown. Because a detached child would outlive a crashed parent, it is killed
 * from this process's `exit` handler as a last resort.
 */
export function spawnChild(name: string, script: string, env: NodeJS.ProcessEnv): Child {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prefixLines(child.stdout, process.stdout, `[${name}]`);
  prefixLines(child.stderr, process.stderr, `[${name}]`);

  const running = () => child.exitCode === null && child.signalCode === null;
  const killOnExit = () => {
    if (running()) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);

  const exited = new Promise<number>((resolve) => {
    child.once('error', (err) => {
      process.stderr.write(`[${name}] failed to start: ${err.message}\n`);
      resolve(1);
    });
    child.once('exit', (code, signal) => {
      process.removeListener('exit', killOnExit);
      resolve(code ?? 128 + (SIGNAL_NUMBERS[signal ?? ''] ?? 0));
    });
  });

  return {
    name,
    running,
    exited,
    async stop(graceMs = 15_000) {
      if (!running()) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(killOnExit, graceMs);
      try {
        const code = await exited;
        // Killed by our SIGTERM itself: it arrived before the child installed its handlers
        // (still loading), which is a clean stop too. SIGKILL after the grace period is not.
        return child.signalCode === 'SIGTERM' ? 0 : code;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
