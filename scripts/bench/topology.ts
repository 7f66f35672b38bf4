/**
 * `npm run bench:topology`: the production shape on one machine (scripts/topology/): two API
 * processes behind one address, two workers, one Temporal server, a real WordPress. Agents
 * send their bursts across both replicas, some later messages first; one worker is SIGKILLed
 * while listings are drafting, the other while they publish, and the Temporal server is
 * restarted. Prints how long each phase took and the audit: every message stored once, every
 * burst one listing in the sender's order, every listing published as exactly one post.
 */
import { runTopologyScenario } from '../topology/scenario';
import type { Outcome } from '../topology/outcome';

const PHASE_TIMEOUT_MS = 300_000;

/** What must hold for the run to pass; each failure named. */
export function problemsOf(o: Outcome): string[] {
  const problems: string[] = [];
  if (o.lost.length) problems.push(`${o.lost.length} messages lost`);
  if (o.duplicated) problems.push(`${o.duplicated} messages stored twice`);
  if (o.listings !== o.bursts || o.burstsNotOneListing)
    problems.push(`${o.listings} listings for ${o.bursts} bursts`);
  if (o.published !== o.listings) problems.push(`${o.listings - o.published} listings unpublished`);
  const notOnePost = Object.values(o.postsPerListing).filter((n) => n !== 1).length;
  if (notOnePost) problems.push(`${notOnePost} listings without exactly one WordPress post`);
  if (o.outOfOrder.length) problems.push(`${o.outOfOrder.length} listings out of sender order`);
  if (o.replies.unsent || o.replies.unexplained)
    problems.push(`replies: ${o.replies.unsent} unsent, ${o.replies.unexplained} unexplained`);
  return problems;
}

async function main(): Promise<void> {
  const {
    outcome: o,
    phases,
    logDir,
  } = await runTopologyScenario({
    agencies: 2,
    agentsPerAgency: 3,
    phaseTimeoutMs: PHASE_TIMEOUT_MS,
    log: (line) => console.log(`# ${line}`),
  });
  console.log('\nTopology: 2 API processes behind one address, 2 workers, 1 Temporal server');
  for (const { name, ms } of phases)
    console.log(`  ${(ms / 1000).toFixed(1).padStart(7)} s  ${name}`);
  const posts = Object.values(o.postsPerListing);
  console.log('\nOutcome');
  console.log(
    `  messages sent ${o.sent}, stored ${o.stored}, lost ${o.lost.length}, duplicated ${o.duplicated}`,
  );
  console.log(
    `  ${o.agentsAcrossReplicas} of ${o.bursts} agents through both replicas, ${o.agentsDeliveredOutOfOrder} with a later message delivered first`,
  );
  console.log(
    `  listings ${o.listings} for ${o.bursts} bursts (bursts not one listing: ${o.burstsNotOneListing}), published ${o.published}, out of sender order ${o.outOfOrder.length}`,
  );
  console.log(
    `  WordPress posts ${posts.reduce((a, b) => a + b, 0)} (listings without exactly one post: ${posts.filter((n) => n !== 1).length})`,
  );
  for (const k of o.kills)
    console.log(
      `  SIGKILLed ${k.worker} during ${k.during}: listings ${JSON.stringify(k.statuses)}`,
    );
  console.log(`  Temporal server restarts ${o.temporalRestarts}`);
  const r = o.replies;
  console.log(
    `  WhatsApp replies accepted ${r.accepted}, recorded ${r.recorded} ${JSON.stringify(r.byKind)}, repeated after a kill ${r.repeated.length}, unexplained ${r.unexplained}`,
  );
  const problems = problemsOf(o);
  console.log(
    problems.length
      ? `\nFAILED: ${problems.join('; ')} (logs in ${logDir})`
      : '\nOK: nothing lost or doubled, every burst one listing in the order it was sent',
  );
  process.exitCode = problems.length ? 1 : 0;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
