import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the running `npm start` system is and the secrets it generated. Read only: the demo
 * never writes `.data/secrets.env` (the start script owns it).
 */
export interface DemoSettings {
  apiUrl: string;
  publicUrl: string;
  temporalAddress: string;
  temporalUiUrl: string;
  namespace: string;
  graphPort: number;
  appSecret: string;
  ownerPassword: string | undefined;
  /** The payload keyring `npm start` generated: the demo's queries read encrypted payloads. */
  payloadKeys: string | undefined;
  /** Stop once the listing awaits review instead of staying to show later replies. */
  exitWhenReady: boolean;
}

const ROOT = path.resolve(__dirname, '../..');

function readEnvFile(file: string): Map<string, string> {
  const values = new Map<string, string>();
  if (!existsSync(file)) return values;
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (match?.[1] && match[2] !== undefined) values.set(match[1], match[2]);
  }
  return values;
}

export function readDemoSettings(
  env: NodeJS.ProcessEnv = process.env,
  argv: string[] = [],
): DemoSettings {
  const dataDir = path.resolve(env.REALTY_DATA_DIR || path.join(ROOT, '.data'));
  const file = path.join(dataDir, 'secrets.env');
  const secrets = readEnvFile(file);
  // The environment wins over the file, as it does for `npm start`.
  const secret = (name: string) => env[name] || secrets.get(name);
  const appSecret = secret('WHATSAPP_APP_SECRET');
  if (!appSecret) {
    throw new Error(
      `No WHATSAPP_APP_SECRET in the environment or in ${file}: start the system first ` +
        '(WHATSAPP_GRAPH_URL=http://127.0.0.1:8787 npm start).',
    );
  }
  const port = env.PORT || '3000';
  const publicUrl = (env.PUBLIC_URL || `http://127.0.0.1:${port}`).replace(/\/+$/, '');
  return {
    apiUrl: (env.DEMO_API_URL || `http://127.0.0.1:${port}`).replace(/\/+$/, ''),
    publicUrl,
    temporalAddress: env.TEMPORAL_ADDRESS || `127.0.0.1:${env.TEMPORAL_PORT || '7233'}`,
    temporalUiUrl: (
      env.TEMPORAL_UI_URL || `http://127.0.0.1:${env.TEMPORAL_UI_PORT || '8233'}`
    ).replace(/\/+$/, ''),
    namespace: env.TEMPORAL_NAMESPACE || 'default',
    graphPort: Number(env.DEMO_GRAPH_PORT || 8787),
    appSecret,
    ownerPassword: secret('DEMO_OWNER_PASSWORD'),
    payloadKeys: secret('TEMPORAL_PAYLOAD_KEYS'),
    exitWhenReady: argv.includes('--exit'),
  };
}
