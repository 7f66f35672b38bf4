import { waitFor } from '../bench/webhook/processes';
import { startCluster, type ClusterDatabase } from './cluster';
import { sendBursts } from './bursts';
import { auditOutcome, countStatuses, type Kill, type ListingRow, type Outcome } from './outcome';
import { approveUpdate } from '../../workflows/listing/reviewMessages';

/**
 * The production topology under failure: agents send their bursts across two API replicas,
 * worker-1 is SIGKILLed while a listing is drafting, every listing is approved, worker-2 is
 * SIGKILLed while one is publishing and the Temporal server is restarted; then the audit
 * (outcome.ts). Every process is stopped whether the run succeeds or fails.
 */
export interface ScenarioOptions {
  agencies: number;
  agentsPerAgency: number;
  /** How long each phase may take before the run fails. */
  phaseTimeoutMs?: number;
  database?: () => Promise<ClusterDatabase>;
  /** Keep the processes' logs after a successful run (they are always kept after a failure). */
  keepLogs?: boolean;
  log?: (line: string) => void;
}

export interface Phase {
  name: string;
  ms: number;
}

export interface ScenarioResult {
  outcome: Outcome;
  phases: Phase[];
  logDir: string;
}

export async function runTopologyScenario(options: ScenarioOptions): Promise<ScenarioResult> {
  const log = options.log ?? (() => undefined);
  const timeout = options.phaseTimeoutMs ?? 300_000;
  const started = Date.now();
  const phases: Phase[] = [];
  let mark = started;
  const phase = (name: string) => {
    phases.push({ name, ms: Date.now() - mark });
    mark = Date.now();
    log(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s in`);
  };

  const cluster = await startCluster({ ...options, log });
  let succeeded = false;
  try {
    const { db, client, graph } = cluster;
    phase('started 2 APIs, 2 workers, Temporal, WordPress');

    const sent = await sendBursts(cluster.front, cluster.appSecret, cluster.agencies);
    const bursts = new Set(sent.map((m) => m.phone)).size;
    phase(`sent ${sent.length} messages (${bursts} agents) through the round robin`);

    const listings = (): Promise<ListingRow[]> =>
      db.owner('listings').select<ListingRow[]>('id', 'status', 'agency_id', 'workflow_id');
    /** Waits for `done` over the listings; a timeout says where each listing was. */
    const waitForListings = async (done: (all: ListingRow[]) => boolean, what: string) => {
      let last: ListingRow[] = [];
      try {
        await waitFor(async () => done((last = await listings())), what, timeout);
      } catch (err) {
        throw new Error(
          `${(err as Error).message}; listings ${JSON.stringify(countStatuses(last))}`,
        );
      }
    };
    const kills: Kill[] = [];
    /** SIGKILLs the worker once a listing is `during`, noting every listing's status then. */
    const killWhile = async (index: number, during: string) => {
      let seen: ListingRow[] = [];
      await waitFor(
        async () => (seen = await listings()).some((l) => l.status === during),
        `a listing ${during}`,
        timeout,
      );
      const repliesBefore = graph.sent.length;
      await cluster.killWorker(index);
      kills.push({
        worker: `worker-${index + 1}`,
        during,
        statuses: countStatuses(seen),
        repliesBefore,
      });
      log(`SIGKILLed worker-${index + 1} while listings were ${during}`);
    };

    await killWhile(0, 'drafting');
    await waitForListings(
      (all) => all.length === bursts && all.every((l) => l.status === 'awaiting_review'),
      'every listing in review',
    );
    phase('every burst drafted into a listing, in review (one worker killed meanwhile)');

    for (const listing of await listings())
      await client.workflow.getHandle(listing.workflow_id).executeUpdate(approveUpdate, {
        args: [{ by: { type: 'user', id: cluster.reviewers.get(listing.agency_id)! } }],
      });
    await killWhile(1, 'publishing');
    await cluster.restartTemporal();
    log('restarted the Temporal server');
    await waitForListings(
      (all) => all.every((l) => l.status === 'published'),
      'every listing published',
    );
    // Replies go out beside the listing's own work, and one a killed worker held is retried
    // only after its activity timeout: wait until each agent has its link and no recorded
    // reply (of any kind) is still unsent. A reply given up for good keeps this from passing.
    await waitFor(
      async () => {
        const [row]: Array<{ published: string; unsent: string }> = await db
          .owner('outbound_messages')
          .select(
            db.owner.raw(
              `count(*) filter (where kind = 'published' and provider_message_id is not null) as published`,
            ),
            db.owner.raw(`count(*) filter (where provider_message_id is null) as unsent`),
          );
        return Number(row!.published) === bursts && Number(row!.unsent) === 0;
      },
      'every published-link reply accepted and no recorded reply unsent',
      timeout,
    );
    phase('every listing approved and published (a worker killed, Temporal restarted)');

    const outcome = await auditOutcome(cluster, sent, kills, 1);
    succeeded = true;
    return { outcome, phases, logDir: cluster.scratch };
  } finally {
    await cluster.stop({ keepLogs: !succeeded || (options.keepLogs ?? true) });
  }
}
