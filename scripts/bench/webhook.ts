/**
 * `npm run bench:webhook [-- --rates 50,100,200,300 --seconds 10 --replays 3]`: the WhatsApp
 * webhook under load, on loopback. Starts a Temporal dev server, a throw-away database on the
 * machine's PostgreSQL (BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432/postgres), the
 * real API and a worker as their own processes; then posts signed webhooks at rising rates,
 * every message delivered 1 + `replays` times, as Meta re-delivers: in one shuffle over the stage
 * (`--redelivery shuffled`, the default: new messages front-loaded) or each re-delivery shortly
 * after its message (`--redelivery steady`: new messages at an even rate). Prints the
 * acknowledged requests per second and the ack latency per rate, then counts rows and the
 * messages each agent's intake workflow received, to show none lost and none duplicated.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Connection } from '@temporalio/client';
import { createSecretBox } from '../../lib/crypto/secretBox';
import { temporalDataConverter } from '../../lib/temporal/connection';
import { freePort } from '../services/process';
import { startTemporalDevServer } from '../services/temporal';
import { createBenchDatabase, seedAgencies } from './webhook/database';
import {
  cpuMsOf,
  pidsMatching,
  reniceThreads,
  startNodeProcess,
  waitFor,
  type BenchProcess,
} from './webhook/processes';
import {
  buildMessages,
  deliveriesOf,
  type RedeliveryOrder,
  deliveryPool,
  runStage,
  type SignedMessage,
  type StageResult,
} from './webhook/load';
import { benchProcessEnv } from './processEnv';
import { auditDelivery, type DeliveryAudit } from './webhook/audit';
import { scrapeApi, stageTelemetry, type ApiTelemetry } from './webhook/apiTelemetry';

interface Options {
  rates: number[];
  seconds: number;
  replays: number;
  agencies: number;
  agents: number;
  /** Writes a V8 CPU profile of the API into the kept log folder. */
  profile: boolean;
  redelivery: RedeliveryOrder;
  /**
   * Runs the worker and the Temporal server at this nice level: the shape of a deployment where
   * they have their own hosts and the API's acknowledgements never wait behind them for a CPU.
   */
  backgroundNice: number;
  /** V8 flags for the API process only (`--api-node-flags "--max-semi-space-size=32"`). */
  apiNodeFlags: string[];
  /** Each stage opens its connections anew (the first second then waits on connection setup). */
  coldConnections: boolean;
}

/** What each part cost during one stage (CPU time as % of one core), and how busy the machine was. */
interface StageCost {
  apiCpuMsPerRequest: number;
  percent: { api: number; worker: number; temporal: number; postgres: number; bench: number };
  loadAverage: number;
}

/** CPU time so far of the API, the worker, our Temporal server, our Postgres backends and this process. */
function sampleCpu(
  pids: { api: BenchProcess; worker: BenchProcess; temporal: number[] },
  db: string,
) {
  const own = process.cpuUsage();
  return {
    at: Date.now(),
    api: pids.api.cpuMs(),
    worker: pids.worker.cpuMs(),
    temporal: pids.temporal.reduce((n, pid) => n + cpuMsOf(pid), 0),
    postgres: new Map(pidsMatching('postgres:', db).map((pid) => [pid, cpuMsOf(pid)])),
    bench: (own.user + own.system) / 1000,
  };
}

function stageCost(
  before: ReturnType<typeof sampleCpu>,
  after: ReturnType<typeof sampleCpu>,
  requests: number,
): StageCost {
  const wall = after.at - before.at;
  const pct = (ms: number) => (ms / wall) * 100;
  let postgres = 0;
  for (const [pid, ms] of after.postgres) postgres += ms - (before.postgres.get(pid) ?? 0);
  return {
    apiCpuMsPerRequest: (after.api - before.api) / requests,
    percent: {
      api: pct(after.api - before.api),
      worker: pct(after.worker - before.worker),
      temporal: pct(after.temporal - before.temporal),
      postgres: pct(postgres),
      bench: pct(after.bench - before.bench),
    },
    loadAverage: os.loadavg()[0]!,
  };
}

function readOptions(argv: string[]): Options {
  const value = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
  };
  const positive = (name: string, raw: string) => {
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
    return n;
  };
  return {
    rates: value('rates', '50,100,200,300')
      .split(',')
      .map((r) => positive('rates', r)),
    seconds: positive('seconds', value('seconds', '10')),
    replays: Math.floor(positive('replays', value('replays', '3'))),
    agencies: Math.floor(positive('agencies', value('agencies', '2'))),
    agents: Math.floor(positive('agents', value('agents', '10'))),
    profile: argv.includes('--profile'),
    redelivery: redeliveryOrder(value('redelivery', 'shuffled')),
    backgroundNice: Math.floor(Number(value('background-nice', '0'))),
    // V8 flags for the API process alone, e.g. "--max-semi-space-size=32" to try a larger
    // young generation against the GC pauses the telemetry line shows.
    coldConnections: argv.includes('--cold-connections'),
    apiNodeFlags: value('api-node-flags', '').split(/\s+/).filter(Boolean),
  };
}

function redeliveryOrder(raw: string): RedeliveryOrder {
  if (raw !== 'shuffled' && raw !== 'steady')
    throw new Error('--redelivery must be shuffled or steady');
  return raw;
}

const ms = (n: number) => n.toFixed(1).padStart(7);

/** p99 of the acks sent in the stage's first `seconds` and of the rest: where the tail is. */
function tailByPhase(timeline: StageResult['timeline'], seconds: number): string {
  const p99 = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted.length
      ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!
      : 0;
  };
  const early = timeline.filter(([at]) => at < seconds * 1000).map(([, l]) => l);
  const late = timeline.filter(([at]) => at >= seconds * 1000).map(([, l]) => l);
  return `p99 of the first ${seconds} s ${p99(early).toFixed(1)} ms, of the rest ${p99(late).toFixed(1)} ms`;
}

/** The API's own view of the stage beside the load generator's (see webhook/apiTelemetry.ts). */
function insideTheApi(r: StageResult, t: ApiTelemetry): string {
  const pct = (share: number) => `${(share * 100).toFixed(2)} %`;
  const measured = r.timeline.filter(([, l]) => l > 100).length / Math.max(1, r.timeline.length);
  return (
    `answers over 100 ms: ${pct(t.overTargetShare)} inside the API, ${pct(measured)} as measured; ` +
    `API event loop delay p99 ${t.eventLoopP99Ms.toFixed(1)} ms, max ${t.eventLoopMaxMs.toFixed(1)} ms; ` +
    `GC ${t.gcMs.toFixed(0)} ms, ${t.gcPausesOver10Ms} pauses >= 10 ms`
  );
}

function printStages(results: StageResult[], costs: StageCost[], inside: ApiTelemetry[]): void {
  console.log(
    '  rate/s   sent  acked  failed   ack/s   p50 ms   p90 ms   p99 ms   max ms  lag ms' +
      '  api ms/req | CPU %: api worker temporal pg bench | load',
  );
  for (const [i, r] of results.entries()) {
    const cost = costs[i]!;
    console.log(
      [
        String(r.rate).padStart(8),
        String(r.sent).padStart(6),
        String(r.acked).padStart(6),
        String(r.failed).padStart(7),
        r.ackRate.toFixed(1).padStart(7),
        ms(r.latencyMs.p50).padStart(8),
        ms(r.latencyMs.p90).padStart(8),
        ms(r.latencyMs.p99).padStart(8),
        ms(r.latencyMs.max).padStart(8),
        ms(r.maxLagMs),
        cost.apiCpuMsPerRequest.toFixed(2).padStart(11),
        '|',
        ...Object.values(cost.percent).map((p) => p.toFixed(0).padStart(5)),
        '|',
        cost.loadAverage.toFixed(1).padStart(5),
      ].join(' '),
    );
    console.log(`           ${tailByPhase(r.timeline, 3)}`);
    console.log(`           ${insideTheApi(r, inside[i]!)}`);
    for (const [error, n] of r.errors) console.log(`           ${n} x ${error}`);
  }
}

function printAudit(a: DeliveryAudit, duplicates: { reported: number; expected: number }): void {
  const ok = (n: number) => (n === 0 ? '0' : `${n}  <-- PROBLEM`);
  console.log(`  unique messages sent                  ${a.unique}`);
  console.log(
    `  rows in inbound_messages              ${a.rows}  lost ${ok(a.rowsLost)}, duplicated ${ok(a.rowsDuplicated)}, not dispatched ${ok(a.rowsNotDispatched)}`,
  );
  console.log(
    `  duplicates the API acknowledged       ${duplicates.reported} (re-deliveries sent: ${duplicates.expected})`,
  );
  console.log(
    `  messages in intake workflows          ${a.inWorkflows}  lost ${ok(a.workflowLost)}, duplicated ${ok(a.workflowDuplicated)}, misrouted ${ok(a.workflowMisrouted)}`,
  );
  console.log(
    `  intake signals in histories           ${a.signals} (${a.batchSignals} batches, ${(a.inWorkflows / Math.max(1, a.signals)).toFixed(2)} messages per signal)`,
  );
  console.log(
    `  messages whose hand-off was retried   ${a.redriven} (the reconciler re-drove them)`,
  );
}

async function main(): Promise<void> {
  const opts = readOptions(process.argv.slice(2));
  const copies = opts.replays + 1;
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'realty-bench-'));
  const stops: Array<() => Promise<void>> = [];
  const log = (line: string) => console.log(`# ${line}`);
  try {
    log(`${os.cpus().length} CPUs, Node ${process.version}; logs in ${scratch}`);
    const db = await createBenchDatabase(
      process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    );
    stops.push(() => db.drop());
    const temporal = await startTemporalDevServer({ port: await freePort() });
    stops.push(() => temporal.stop());

    const encryptionKey = randomBytes(32).toString('base64');
    // Payloads are encrypted as in production (the codec's cost is part of the ack path).
    const payloadKeys = `bench=${randomBytes(32).toString('base64')}`;
    const appSecret = randomBytes(24).toString('hex');
    const agencies = await seedAgencies(db.owner, createSecretBox(encryptionKey), {
      agencies: opts.agencies,
      agentsPerAgency: opts.agents,
    });
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...benchProcessEnv({
        databaseUrl: db.appUrl,
        temporalAddress: temporal.address,
        encryptionKey,
        payloadKeys,
        appSecret,
        scratch,
      }),
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      // Long enough that every burst stays open: each message is counted in its open group.
      INTAKE_QUIET_WINDOW_SECONDS: '3600',
      // Bursts stay open for the whole run (no burst limit either), so the audit finds every
      // message in its agent's open group: this measures the webhook, not the drafting.
      INTAKE_MAX_MESSAGES: '1000000',
      INTAKE_MAX_PHOTOS: '1000000',
      WORKER_TASK_QUEUES: 'listings',
      // Nothing here downloads media or replies; a dead address makes sure of it.
      WHATSAPP_GRAPH_URL: 'http://127.0.0.1:9',
    };
    const processes: BenchProcess[] = [
      startNodeProcess('api', 'api/server.ts', env, scratch, {
        profile: opts.profile,
        nodeFlags: opts.apiNodeFlags,
      }),
      startNodeProcess('worker', 'workers/main.ts', env, scratch),
    ];
    const [api, worker] = processes as [BenchProcess, BenchProcess];
    const meters = {
      api,
      worker,
      temporal: pidsMatching('start-dev', `--port ${temporal.address.split(':')[1]} `),
    };
    stops.push(() => Promise.all(processes.map((p) => p.stop())).then(() => undefined));
    if (opts.backgroundNice) {
      await waitFor(
        () => Promise.resolve(pidsMatching('workers/main.ts').length > 0),
        'the worker process',
      );
      const reniced = reniceThreads(
        [...pidsMatching('workers/main.ts'), ...meters.temporal],
        opts.backgroundNice,
      );
      log(`worker and Temporal server at nice ${opts.backgroundNice} (${reniced} threads)`);
    }

    const base = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${base}/readyz`)).status === 200, 'the API');
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
    await waitFor(async () => {
      const queue = await connection.workflowService.describeTaskQueue({
        namespace: 'default',
        taskQueue: { name: 'listings' },
        taskQueueType: 1, // TASK_QUEUE_TYPE_WORKFLOW
      });
      return (queue.pollers ?? []).length > 0;
    }, 'the worker to poll');
    log(
      `${opts.agencies} agencies x ${opts.agents} agents; each message delivered ${copies} times ` +
        `(1 + ${opts.replays} re-deliveries) in ${opts.redelivery} order; open loop, ${opts.seconds} s per rate`,
    );

    const url = new URL('/webhooks/whatsapp', base);
    const all: SignedMessage[] = [];
    // Warm-up, as a server in service is warm (pools, JIT, every intake workflow started):
    // 8 s at 50/s, delivered and audited like the rest, not timed.
    const warm = buildMessages(agencies, Math.ceil((50 * 8) / copies), appSecret);
    all.push(...warm);
    // Meta delivers over connections it keeps open, so one pool serves the warm-up and every
    // stage; `--cold-connections` opens a new pool per stage instead (see README).
    const pool = opts.coldConnections ? undefined : deliveryPool();
    stops.push(() => Promise.resolve(pool?.destroy()));
    await runStage(url, deliveriesOf(warm, copies, 1), 50, pool);
    log(`warmed up with ${warm.length * copies} requests`);
    await sleep(2000);
    let expectedDuplicates = 0;

    const results: StageResult[] = [];
    const costs: StageCost[] = [];
    const inside: ApiTelemetry[] = [];
    for (const [i, rate] of opts.rates.entries()) {
      const messages = buildMessages(
        agencies,
        Math.ceil((rate * opts.seconds) / copies),
        appSecret,
      );
      all.push(...messages);
      expectedDuplicates += messages.length * opts.replays;
      const scraped = await scrapeApi(base);
      const before = sampleCpu(meters, db.name);
      const result = await runStage(
        url,
        deliveriesOf(messages, copies, i + 2, opts.redelivery),
        rate,
        pool,
      );
      costs.push(stageCost(before, sampleCpu(meters, db.name), result.sent));
      inside.push(stageTelemetry(scraped, await scrapeApi(base)));
      results.push(result);
      if (opts.profile)
        writeFileSync(
          path.join(scratch, `timeline-${rate}.csv`),
          result.timeline.map(([at, ms]) => `${at.toFixed(1)},${ms.toFixed(1)}`).join('\n'),
        );
      await sleep(2000);
    }
    console.log('\nWebhook acknowledgements (signature check, parse, commit, 200)');
    printStages(results, costs, inside);

    log('waiting for every message to reach its intake workflow');
    let audit = await auditDelivery(db.owner, client, agencies, all);
    const deadline = Date.now() + 120_000;
    while ((audit.rowsNotDispatched || audit.workflowLost) && Date.now() < deadline) {
      await sleep(2000);
      audit = await auditDelivery(db.owner, client, agencies, all);
    }
    const reported = results.reduce((n, r) => n + r.duplicatesReported, 0);
    console.log('\nDelivery (all stages and the warm-up)');
    printAudit(audit, { reported, expected: expectedDuplicates });
    const clean =
      audit.rowsLost + audit.rowsDuplicated + audit.workflowLost + audit.workflowDuplicated === 0;
    console.log(`\n${clean ? 'OK: 0 lost, 0 duplicated' : 'FAILED: messages lost or duplicated'}`);
    process.exitCode = clean ? 0 : 1;
  } finally {
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => console.error(err));
    // The API's and worker's logs explain a failure: kept then.
    if (process.exitCode === 0 && !opts.profile) rmSync(scratch, { recursive: true, force: true });
    else console.error(`logs kept in ${scratch}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
