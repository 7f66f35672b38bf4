import path from 'node:path';

/** The repository root: children run from here so `--import tsx` and relative paths resolve. */
export const ROOT = path.resolve(__dirname, '../..');

/**
 * Everything `npm start` reads from the environment besides the application's own settings
 * (lib/config.ts), with the defaults that make a fresh clone run with no configuration.
 */
export interface StartOptions {
  /** Holds secrets.env, the embedded Postgres cluster, Temporal's SQLite file and photos. */
  dataDir: string;
  apiPort: number;
  publicUrl: string;
  /** Where the start script itself reaches the API (the API may listen on 0.0.0.0). */
  localApiUrl: string;
  embeddedPgPort: number;
  temporalPort: number;
  temporalUiPort: number;
  seedDemo: boolean;
  readyTimeoutMs: number;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`${name} must be an integer from 1 to ${max}, got "${raw}"`);
  }
  return value;
}

const port = (env: NodeJS.ProcessEnv, name: string, fallback: number) =>
  integer(env, name, fallback, 65535);

/** The address the API listens on, as a host a local client can connect to. */
function loopbackFor(host: string | undefined): string {
  if (!host || host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

export function readStartOptions(env: NodeJS.ProcessEnv = process.env): StartOptions {
  const apiPort = port(env, 'PORT', 3000);
  return {
    dataDir: path.resolve(env.REALTY_DATA_DIR || path.join(ROOT, '.data')),
    apiPort,
    publicUrl: (env.PUBLIC_URL || `http://127.0.0.1:${apiPort}`).replace(/\/+$/, ''),
    localApiUrl: `http://${loopbackFor(env.HOST)}:${apiPort}`,
    // 5433, not 5432: a machine often runs its own Postgres on the standard port.
    embeddedPgPort: port(env, 'EMBEDDED_PG_PORT', 5433),
    temporalPort: port(env, 'TEMPORAL_PORT', 7233),
    temporalUiPort: port(env, 'TEMPORAL_UI_PORT', 8233),
    seedDemo: !['false', '0', 'no'].includes((env.SEED_DEMO ?? '').toLowerCase()),
    readyTimeoutMs: 1000 * integer(env, 'START_READY_TIMEOUT_SECONDS', 120, 3600),
  };
}
