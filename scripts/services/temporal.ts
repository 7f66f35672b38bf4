import { findTool } from './tools';
import { startListening, type Service } from './process';

export interface TemporalDevServer extends Service {
  address: string;
  uiUrl: string;
}

/**
 * The Temporal CLI's dev server: a full Temporal service on SQLite, with the search
 * attributes this product filters runs by registered up front.
 */
export async function startTemporalDevServer(opts: {
  port: number;
  uiPort?: number;
  dbFile?: string;
  /** Remote codec the UI calls to show encrypted payloads (the API's /codec). */
  codecEndpoint?: string;
}): Promise<TemporalDevServer> {
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--search-attribute',
    'TenantId=Keyword',
    '--search-attribute',
    'ListingStatus=Keyword',
    '--log-level',
    'error',
  ];
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort));
  else args.push('--headless');
  if (opts.dbFile) args.push('--db-filename', opts.dbFile);
  if (opts.codecEndpoint && opts.uiPort) args.push('--ui-codec-endpoint', opts.codecEndpoint);
  const service = await startListening('temporal', findTool('temporal'), args, opts.port);
  return {
    ...service,
    address: `127.0.0.1:${opts.port}`,
    uiUrl: opts.uiPort ? `http://127.0.0.1:${opts.uiPort}` : '',
  };
}
