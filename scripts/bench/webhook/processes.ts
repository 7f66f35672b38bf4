import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = path.resolve(__dirname, '../../..');

export interface BenchProcess {
  name: string;
  pid: number | undefined;
  logFile: string;
  /** CPU time the process has used so far (user + system), from /proc. */
  cpuMs(): number;
  stop(): Promise<void>;
  /** SIGKILL: the process dies mid-work, as a crashed machine would. */
  kill(): Promise<void>;
}

/**
 * Sets the nice level of every thread of these processes (on Linux a nice level is per thread;
 * threads started later inherit it). Returns how many threads were changed.
 */
export function reniceThreads(pids: number[], nice: number): number {
  let n = 0;
  for (const pid of pids)
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      os.setPriority(Number(tid), nice);
      n += 1;
    }
  return n;
}

// /proc/<pid>/stat counts in clock ticks: 100 per second on Linux.
const TICK_MS = 10;

/** CPU time (user + system) a process has used so far, from /proc; 0 once it is gone. */
export function cpuMsOf(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are 14 and 15.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** Processes whose command line contains every one of `parts` (Postgres backends show their database there). */
export function pidsMatching(...parts: string[]): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
        return parts.every((p) => cmdline.includes(p));
      } catch {
        return false;
      }
    })
    .map(Number);
}

/**
 * The API and the worker run as their own processes, as in production: the load generator
 * must not share the API's event loop, or the latency it measures would be partly its own.
 * Their logs go to files (a pipe nobody reads would stall them).
 */
export function startNodeProcess(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  logDir: string,
  opts: { profile?: boolean; nodeFlags?: readonly string[] } = {},
): BenchProcess {
  const logFile = path.join(logDir, `${name}.log`);
  const out = openSync(logFile, 'a');
  const profile = opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${logDir}`] : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...profile, ...(opts.nodeFlags ?? []), '--import', 'tsx', script],
    {
      cwd: ROOT,
      env,
      stdio: ['ignore', out, out],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    name,
    pid: child.pid,
    logFile,
    cpuMs: () => (child.pid ? cpuMsOf(child.pid) : 0),
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `probe` until it is true, or fails with `what` after `timeoutMs`. */
export async function waitFor(
  probe: () => Promise<boolean>,
  what: string,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}
