import { spawn } from 'node:child_process';
import path from 'node:path';
import { startTemporalDevServer } from '../services/temporal';
import { findTool } from '../services/tools';
import type { Lifecycle } from './lifecycle';
import { say } from './log';
import { ROOT } from './options';
import { assertPortFree } from './ports';

export interface TemporalEndpoint {
  address: string;
  /** Web UI, for the banner and for links the API renders; empty when unknown. */
  uiUrl: string;
}

/** Builds or downloads the Temporal CLI into .tools/bin (scripts/setup-tools.sh knows how). */
async function installTemporalCli(): Promise<void> {
  say('Temporal CLI not found: running scripts/setup-tools.sh temporal (once)');
  const child = spawn('bash', [path.join(ROOT, 'scripts/setup-tools.sh'), 'temporal'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`scripts/setup-tools.sh temporal failed (exit ${code})`);
}

/**
 * TEMPORAL_ADDRESS given: use that cluster. Otherwise the CLI's dev server with its state in
 * a SQLite file under the data directory, so workflows survive a restart of `npm start`.
 */
export async function prepareTemporal(
  lifecycle: Lifecycle,
  opts: {
    env: NodeJS.ProcessEnv;
    dataDir: string;
    port: number;
    uiPort: number;
    /** The API's /codec, so the UI shows encrypted payloads decrypted. */
    codecEndpoint?: string;
  },
): Promise<TemporalEndpoint> {
  if (opts.env.TEMPORAL_ADDRESS) {
    say(`using the Temporal cluster at ${opts.env.TEMPORAL_ADDRESS}`);
    return { address: opts.env.TEMPORAL_ADDRESS, uiUrl: opts.env.TEMPORAL_UI_URL ?? '' };
  }
  await assertPortFree(opts.port, 'TEMPORAL_PORT');
  await assertPortFree(opts.uiPort, 'TEMPORAL_UI_PORT');
  try {
    findTool('temporal');
  } catch {
    await installTemporalCli();
    findTool('temporal'); // Throws the readable "not found" if the install did not help.
  }
  const server = await startTemporalDevServer({
    port: opts.port,
    uiPort: opts.uiPort,
    dbFile: path.join(opts.dataDir, 'temporal.db'),
    ...(opts.codecEndpoint ? { codecEndpoint: opts.codecEndpoint } : {}),
  });
  lifecycle.add('temporal', () => server.stop());
  say(`Temporal dev server is running on ${server.address}`);
  return { address: server.address, uiUrl: server.uiUrl };
}
