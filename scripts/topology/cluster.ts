import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { freePort } from '../services/process';
import { startTemporalDevServer, type TemporalDevServer } from '../services/temporal';
import type { WordPressServer } from '../services/wordpress';
import { buildWorkflowBundle } from '../build-workflows';
import { createBenchDatabase, seedAgencies, type BenchAgency } from '../bench/webhook/database';
import { startNodeProcess, waitFor, type BenchProcess } from '../bench/webhook/processes';
import { benchProcessEnv } from '../bench/processEnv';
import { startRoundRobin, type RoundRobin } from './roundRobin';
import { startGraphApiDouble, type GraphApiDouble } from '../../test/support/graphApiDouble';
import { startTestWordPress } from '../../test/publishing/support';
import { createSecretBox } from '../../lib/crypto/secretBox';
import { temporalDataConverter } from '../../lib/temporal/connection';
import type { Db } from '../../lib/db';

/**
 * The production shape on one machine: two API processes behind one address (round robin), two
 * worker processes, one Temporal server on a database file (so it can restart and keep its
 * history), a real WordPress and the Graph API double. Whatever fails while it starts or
 * runs, `stop()` ends every process it started; a process exit without `stop()` still
 * SIGKILLs them, so a failed run leaves nothing behind.
 */
/** Every drafting step's attempt, and the WordPress steps' heartbeat timeout. */
export const ATTEMPT_TIMEOUT_SECONDS = 15;

export interface ClusterDatabase {
  appUrl: string;
  /** Superuser connection: seeding and the audit read across tenants. */
  owner: Db;
  drop(): Promise<void>;
}

export interface ClusterOptions {
  agencies: number;
  agentsPerAgency: number;
  /** The database every process shares; default a throw-away one on the machine's Postgres. */
  database?: () => Promise<ClusterDatabase>;
  log: (line: string) => void;
}

export interface Cluster {
  scratch: string;
  db: ClusterDatabase;
  agencies: BenchAgency[];
  /** The owner of each agency, who approves its listings. */
  reviewers: Map<string, string>;
  appSecret: string;
  front: RoundRobin;
  graph: GraphApiDouble;
  wp: WordPressServer;
  client: Client;
  /** SIGKILLs worker `index` (0 or 1) mid-work and starts its replacement. */
  killWorker(index: number): Promise<void>;
  /** Stops the Temporal server and starts it again on the same database file and port. */
  restartTemporal(): Promise<void>;
  /** Stops everything; `keepLogs` leaves the scratch folder (process logs) in place. */
  stop(opts?: { keepLogs?: boolean }): Promise<void>;
}

export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'realty-topology-'));
  const stops: Array<() => Promise<void>> = [];
  const apis: BenchProcess[] = [];
  const workers: BenchProcess[] = [];
  let temporal: TemporalDevServer | undefined;
  // Nothing async runs in an 'exit' handler: the last resort is a synchronous SIGKILL.
  const killAll = () => {
    for (const pid of [...apis, ...workers, temporal].map((p) => p?.pid))
      if (pid)
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
  };
  process.once('exit', killAll);
  let stopped = false;
  const stop = async ({ keepLogs = true } = {}) => {
    if (stopped) return;
    stopped = true;
    for (const s of stops.reverse()) await s().catch((err: unknown) => console.error(err));
    process.removeListener('exit', killAll);
    if (!keepLogs) rmSync(scratch, { recursive: true, force: true });
  };
  try {
    opts.log(`${os.cpus().length} CPUs, Node ${process.version}; logs in ${scratch}`);
    const temporalPort = await freePort();
    const temporalDb = path.join(scratch, 'temporal.db');
    // One workflow bundle for the four worker starts, instead of webpack in each of them.
    const bundle = buildWorkflowBundle(path.join(scratch, 'workflows.js'));
    const database = (opts.database ?? defaultDatabase)();
    const wordpress = startTestWordPress(false);
    const graphDouble = startGraphApiDouble();
    const settled = await Promise.allSettled([bundle, database, wordpress, graphDouble]);
    // Whatever did start is stopped, even when a sibling failed.
    const [, startedDb, startedWp, startedGraph] = settled;
    if (startedDb.status === 'fulfilled') stops.push(() => startedDb.value.drop());
    if (startedWp.status === 'fulfilled') stops.push(() => startedWp.value.stop());
    if (startedGraph.status === 'fulfilled') stops.push(() => startedGraph.value.close());
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
    const [bundlePath, db, wp, graph] = [
      await bundle,
      await database,
      await wordpress,
      await graphDouble,
    ];
    temporal = await startTemporalDevServer({ port: temporalPort, dbFile: temporalDb });
    stops.push(() => temporal!.stop());

    const encryptionKey = randomBytes(32).toString('base64');
    const secrets = createSecretBox(encryptionKey);
    const payloadKeys = `topology=${randomBytes(32).toString('base64')}`;
    const appSecret = randomBytes(24).toString('hex');
    const agencies = await seedAgencies(db.owner, secrets, opts);
    const reviewers = new Map<string, string>();
    for (const agency of agencies) {
      await db.owner('subscriptions').insert({ agency_id: agency.agencyId, plan: 'pro' });
      await db
        .owner('whatsapp_channels')
        .where({ agency_id: agency.agencyId })
        .update({ access_token_encrypted: secrets.seal(graph.token) });
      await db.owner('wordpress_sites').insert({
        agency_id: agency.agencyId,
        name: 'site',
        base_url: wp.baseUrl,
        username: wp.username,
        app_password_encrypted: secrets.seal(wp.applicationPassword),
        mapping_profile: 'posts',
      });
      const [owner]: Array<{ id: string }> = await db
        .owner('users')
        .insert({ agency_id: agency.agencyId, name: 'Owner', role: 'owner' })
        .returning('id');
      reviewers.set(agency.agencyId, owner!.id);
    }

    const env: NodeJS.ProcessEnv = {
      ...benchProcessEnv({
        databaseUrl: db.appUrl,
        temporalAddress: temporal.address,
        encryptionKey,
        payloadKeys,
        appSecret,
        scratch,
      }),
      WHATSAPP_GRAPH_URL: graph.baseUrl,
      INTAKE_QUIET_WINDOW_SECONDS: '3',
      OUTBOUND_ALLOW_PRIVATE: 'loopback',
      WORKFLOW_BUNDLE_PATH: bundlePath,
      // A killed worker's step is retried once its attempt times out: the local AI provider
      // answers in milliseconds, so the attempts are bounded tight, as an operator would.
      DRAFTING_ATTEMPT_TIMEOUT_SECONDS: String(ATTEMPT_TIMEOUT_SECONDS),
      PUBLISHING_HEARTBEAT_SECONDS: String(ATTEMPT_TIMEOUT_SECONDS),
    };
    const apiPorts = [await freePort(), await freePort()];
    apiPorts.forEach((port, i) =>
      apis.push(
        startNodeProcess(
          `api-${i + 1}`,
          'api/server.ts',
          { ...env, PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` },
          scratch,
        ),
      ),
    );
    stops.push(() => Promise.all(apis.map((a) => a.stop())).then(() => undefined));
    for (const n of [1, 2])
      workers.push(startNodeProcess(`worker-${n}`, 'workers/main.ts', env, scratch));
    stops.push(() => Promise.all(workers.map((w) => w.stop())).then(() => undefined));
    for (const port of apiPorts)
      await waitFor(
        async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status === 200,
        'an API',
      );
    const front = await startRoundRobin(apiPorts.map((p) => `http://127.0.0.1:${p}`));
    stops.push(() => front.close());
    const connection = await Connection.connect({ address: temporal.address });
    stops.push(() => connection.close());
    const client = new Client({
      connection,
      dataConverter: temporalDataConverter({
        TEMPORAL_ADDRESS: temporal.address,
        TEMPORAL_NAMESPACE: 'default',
        TEMPORAL_PAYLOAD_KEYS: payloadKeys,
      }),
    });
    return {
      scratch,
      db,
      agencies,
      reviewers,
      appSecret,
      front,
      graph,
      wp,
      client,
      async killWorker(index) {
        const worker = workers[index]!;
        await worker.kill();
        workers[index] = startNodeProcess(`${worker.name}b`, 'workers/main.ts', env, scratch);
      },
      async restartTemporal() {
        await temporal!.stop();
        temporal = await startTemporalDevServer({ port: temporalPort, dbFile: temporalDb });
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

const defaultDatabase = () =>
  createBenchDatabase(process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
