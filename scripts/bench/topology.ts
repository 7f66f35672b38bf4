/**
 * `npm run bench:topology`: the production shape on one machine. Two API processes behind one
 * address (round robin), two worker processes, one Temporal server (the CLI's, on a database
 * file so it can restart), a real WordPress. Agents send their listings over the signed
 * webhook; one worker is SIGKILLed while listings are drafting, every listing is approved, the
 * other worker is SIGKILLed while they publish, and the Temporal server is restarted. Then it
 * checks that every message is stored once, every agent's burst became exactly one listing,
 * and every listing is published as exactly one WordPress post. Prints how long each phase took.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { freePort } from '../services/process';
import { startTemporalDevServer, type TemporalDevServer } from '../services/temporal';
import { newMessageId, signedBody, webhookEnvelope } from '../services/whatsappWebhook';
import { createBenchDatabase, seedAgencies } from './webhook/database';
import { startNodeProcess, waitFor, type BenchProcess } from './webhook/processes';
import { startRoundRobin } from './topology/proxy';
import { benchProcessEnv } from './processEnv';
import { startGraphApiDouble } from '../../test/support/graphApiDouble';
import { adminApi, startTestWordPress } from '../../test/publishing/support';
import { createSecretBox } from '../../lib/crypto/secretBox';
import { temporalDataConverter } from '../../lib/temporal/connection';
import { approveUpdate } from '../../workflows/listing/reviewMessages';

const TEXTS = ['3 bed flat in Lisbon, 450,000 EUR', 'balcony and a lift', '120 m2, parking'];
const PHASE_TIMEOUT_MS = 300_000;

async function main(): Promise<void> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'realty-topology-'));
  const stops: Array<() => Promise<void>> = [];
  const log = (line: string) => console.log(`# ${line}`);
  const started = Date.now();
  const phases: Array<[string, number]> = [];
  let mark = Date.now();
  const phase = (name: string) => {
    phases.push([name, Date.now() - mark]);
    mark = Date.now();
    log(`${name}: ${((Date.now() - started) / 1000).toFixed(1)} s in`);
  };
  try {
    log(`${os.cpus().length} CPUs, Node ${process.version}; logs in ${scratch}`);
    const db = await createBenchDatabase(
      process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    );
    stops.push(() => db.drop());
    const temporalPort = await freePort();
    const temporalDb = path.join(scratch, 'temporal.db');
    let temporal: TemporalDevServer = await startTemporalDevServer({
      port: temporalPort,
      dbFile: temporalDb,
    });
    stops.push(() => temporal.stop());
    const graph = await startGraphApiDouble();
    stops.push(() => graph.close());
    const wp = await startTestWordPress(false);
    stops.push(() => wp.stop());

    const encryptionKey = randomBytes(32).toString('base64');
    const secrets = createSecretBox(encryptionKey);
    const payloadKeys = `topology=${randomBytes(32).toString('base64')}`;
    const appSecret = randomBytes(24).toString('hex');
    const agencies = await seedAgencies(db.owner, secrets, { agencies: 2, agentsPerAgency: 3 });
    const reviewers = new Map<string, string>();
    for (const agency of agencies) {
      await db.owner('subscriptions').insert({ agency_id: agency.agencyId, plan: 'pro' });
      await db
        .owner('whatsapp_channels')
        .where({ agency_id: agency.agencyId })
        .update({
          access_token_encrypted: secrets.seal(graph.token),
        });
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
    };
    const apiPorts = [await freePort(), await freePort()];
    const apis = apiPorts.map((port, i) =>
      startNodeProcess(
        `api-${i + 1}`,
        'api/server.ts',
        {
          ...env,
          PORT: String(port),
          PUBLIC_URL: `http://127.0.0.1:${port}`,
        },
        scratch,
      ),
    );
    stops.push(() => Promise.all(apis.map((a) => a.stop())).then(() => undefined));
    const workers: BenchProcess[] = [1, 2].map((n) =>
      startNodeProcess(`worker-${n}`, 'workers/main.ts', env, scratch),
    );
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
    phase('started 2 APIs, 2 workers, Temporal, WordPress');

    // Every agent sends a burst of three texts, each through the next API replica.
    const sent: string[] = [];
    let clock = Math.floor(Date.now() / 1000);
    for (const agency of agencies)
      for (const phone of agency.agents)
        for (const text of TEXTS) {
          const id = newMessageId();
          const { body, signature } = signedBody(
            appSecret,
            webhookEnvelope({
              phoneNumberId: agency.phoneNumberId,
              from: phone,
              profileName: 'Agent',
              message: { id, timestamp: String(++clock), type: 'text', text: { body: text } },
            }),
          );
          const res = await fetch(`${front.url}/webhooks/whatsapp`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
            body,
          });
          if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
          sent.push(id);
        }
    const agents = agencies.reduce((n, a) => n + a.agents.length, 0);
    phase(`sent ${sent.length} messages (${agents} agents) through the round robin`);

    interface ListingRow {
      id: string;
      status: string;
      agency_id: string;
      workflow_id: string;
    }
    const statuses = (): Promise<ListingRow[]> =>
      db.owner('listings').select<ListingRow[]>('id', 'status', 'agency_id', 'workflow_id');
    await waitFor(
      async () => (await statuses()).some((l) => l.status === 'drafting'),
      'a listing drafting',
      PHASE_TIMEOUT_MS,
    );
    await workers[0]!.kill();
    log('SIGKILLed worker-1 while listings were drafting');
    workers[0] = startNodeProcess('worker-1b', 'workers/main.ts', env, scratch);
    await waitFor(
      async () => {
        const all = await statuses();
        return all.length === agents && all.every((l) => l.status === 'awaiting_review');
      },
      'every listing in review',
      PHASE_TIMEOUT_MS,
    );
    phase('every burst drafted into a listing, in review (one worker killed meanwhile)');

    for (const listing of await statuses())
      await client.workflow.getHandle(listing.workflow_id).executeUpdate(approveUpdate, {
        args: [{ by: { type: 'user', id: reviewers.get(listing.agency_id)! } }],
      });
    await waitFor(
      async () => (await statuses()).some((l) => l.status === 'publishing'),
      'a listing publishing',
      PHASE_TIMEOUT_MS,
    );
    await workers[1]!.kill();
    log('SIGKILLed worker-2 while listings were publishing');
    workers[1] = startNodeProcess('worker-2b', 'workers/main.ts', env, scratch);
    await temporal.stop();
    temporal = await startTemporalDevServer({ port: temporalPort, dbFile: temporalDb });
    log('restarted the Temporal server');
    await waitFor(
      async () => (await statuses()).every((l) => l.status === 'published'),
      'every listing published',
      PHASE_TIMEOUT_MS,
    );
    phase('every listing approved and published (a worker killed, Temporal restarted)');

    // The audit.
    const rows: Array<{ provider_message_id: string }> = await db
      .owner('inbound_messages')
      .select('provider_message_id');
    const stored = new Set(rows.map((r) => r.provider_message_id));
    const lost = sent.filter((id) => !stored.has(id)).length;
    const duplicatedRows = rows.length - stored.size;
    const listings = await statuses();
    const wpApi = adminApi(wp);
    // Every post on the site in any status; a listing's post slug ends with its id's first 8.
    const onSite = (await wpApi.get(
      '/wp/v2/posts?status=publish,future,draft,pending,private,trash&context=edit&per_page=100',
    )) as Array<{ slug: string }>;
    let posts = 0;
    let doubled = 0;
    for (const listing of listings) {
      const found = onSite.filter((p) => p.slug.endsWith(`-${listing.id.slice(0, 8)}`)).length;
      posts += found;
      if (found !== 1) doubled += 1;
    }
    const replies = graph.sent.filter((m) => m.text.includes(wp.baseUrl) || m.type === 'template');
    console.log('\nTopology: 2 API processes behind one address, 2 workers, 1 Temporal server');
    for (const [name, ms] of phases)
      console.log(`  ${(ms / 1000).toFixed(1).padStart(7)} s  ${name}`);
    console.log('\nOutcome');
    console.log(
      `  messages sent ${sent.length}, stored ${stored.size}, lost ${lost}, duplicated ${duplicatedRows}`,
    );
    console.log(
      `  listings ${listings.length} for ${agents} bursts, published ${listings.filter((l) => l.status === 'published').length}`,
    );
    console.log(`  WordPress posts ${posts} (listings without exactly one post: ${doubled})`);
    console.log(
      `  WhatsApp replies sent ${graph.sent.length} (published-link replies ${replies.length})`,
    );
    const clean = lost === 0 && duplicatedRows === 0 && listings.length === agents && doubled === 0;
    console.log(
      `\n${clean ? 'OK: nothing lost or doubled' : 'FAILED: something was lost or doubled'}`,
    );
    process.exitCode = clean ? 0 : 1;
  } finally {
    for (const stop of stops.reverse()) await stop().catch((err: unknown) => console.error(err));
  }
}

void main();
