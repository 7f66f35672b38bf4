/**
 * The production topology under failure (scripts/topology/): two API processes behind one
 * address, two workers and one Temporal server. Agents' bursts are spread across both
 * replicas, some later messages delivered first; worker-1 is SIGKILLed while a listing is
 * drafting, worker-2 while one is publishing, and the Temporal server is restarted. Every
 * message is stored once, every burst is one listing that reads in the order it was sent, and
 * every listing is published as exactly one WordPress post.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTestDatabase } from '../support/database';
import { runTopologyScenario, type ScenarioResult } from '../../scripts/topology/scenario';

// Each phase is bounded so that a stuck run fails (and stops its processes) before the test's
// own timeout; the kills cost the activity timeouts of what the killed worker held (up to two
// minutes for a step the worker settings do not bound, so each phase allows more than that).
const PHASE_TIMEOUT_MS = 200_000;

test(
  'two APIs and two workers lose and double nothing through worker kills and a Temporal restart',
  { timeout: 560_000 },
  async () => {
    const { outcome: o, phases }: ScenarioResult = await runTopologyScenario({
      agencies: 2,
      agentsPerAgency: 2,
      phaseTimeoutMs: PHASE_TIMEOUT_MS,
      database: () => createTestDatabase(),
      keepLogs: false,
      log: (line) => console.log(`# ${line}`),
    });
    console.log(phases.map((p) => `# ${(p.ms / 1000).toFixed(1)} s ${p.name}`).join('\n'));

    assert.deepEqual(o.lost, [], 'every sent message is stored');
    assert.equal(o.stored, o.sent);
    assert.equal(o.duplicated, 0, 'no message is stored twice');

    assert.equal(o.bursts, 4);
    assert.equal(o.agentsAcrossReplicas, o.bursts, "each agent's messages crossed both replicas");
    assert.ok(o.agentsDeliveredOutOfOrder >= 2, 'some later messages were delivered first');
    assert.equal(o.burstsNotOneListing, 0, "every agent's burst became one listing");
    assert.equal(o.listings, o.bursts);
    assert.deepEqual(o.outOfOrder, [], 'every listing reads in the order its agent sent');

    assert.equal(o.published, o.listings, 'every listing is published');
    assert.deepEqual(
      Object.values(o.postsPerListing),
      Array(o.listings).fill(1),
      'each listing is exactly one WordPress post',
    );

    const [first, second] = o.kills;
    assert.equal(first?.worker, 'worker-1');
    assert.ok(
      (first?.statuses.drafting ?? 0) > 0,
      `worker-1 killed mid-drafting: ${JSON.stringify(first)}`,
    );
    assert.equal(second?.worker, 'worker-2');
    assert.ok(
      (second?.statuses.publishing ?? 0) > 0,
      `worker-2 killed mid-publishing: ${JSON.stringify(second)}`,
    );
    assert.equal(o.temporalRestarts, 1);

    // One reply per listing and kind is recorded, and Meta accepted each. Meta accepts a reply
    // twice only when a worker died after Meta's answer and before it was recorded: at most
    // one such repeat per kill, and nothing else unaccounted for.
    const { replies } = o;
    assert.equal(replies.byKind.published, o.listings, 'one published-link reply per listing');
    assert.equal(replies.byKind.draft_ready, o.listings, 'one draft-ready reply per listing');
    assert.equal(replies.unsent, 0, 'every recorded reply was accepted');
    assert.equal(replies.unexplained, 0, 'no reply beyond the recorded ones, but for a kill');
    const repeats = replies.repeated.map((r) => `${r.to} ${r.kind} before ${r.beforeKillOf}`);
    assert.equal(new Set(repeats).size, repeats.length, `one repeat at most: ${repeats.join()}`);
    assert.equal(replies.accepted, replies.recorded + replies.repeated.length);
  },
);
