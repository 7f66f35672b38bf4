/**
 * The publishing phase in a real workflow on the Temporal dev server, with real activities
 * against a real WordPress behind the fault proxy: publish through lost responses and a 429,
 * the agent gets the link once, then update / archive / republish signals, continue-as-new
 * with the state carried, and a wrong password fixed by the operator and retried.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { Client, Connection } from '@temporalio/client';
import {
  DefaultLogger,
  NativeConnection,
  Runtime,
  Worker,
  bundleWorkflowCode,
} from '@temporalio/worker';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedAgency, type SeededAgency } from '../support/agency';
import { testActivityDeps } from '../support/worker';
import { startGraphApiDouble, type GraphApiDouble } from '../support/graphApiDouble';
import { createSecretBox } from '../../lib/crypto/secretBox';
import { createActivities, type ActivityDeps } from '../../activities';
import type { WordPressServer } from '../../scripts/services/wordpress';
import { listingStatusQuery } from '../../workflows/listing/messages';
import {
  archiveSignal,
  publishingStateQuery,
  republishSignal,
  retryPublishSignal,
  updateSignal,
} from '../../workflows/listing/publishingMessages';
import { startFaultProxy, type FaultProxy } from './faultProxy';
import { adminApi, publicationOf, seedListing, seedSite, startTestWordPress } from './support';
import type { publishingTestWorkflow } from './workflows';
import { eventually } from '../support/eventually';

// Publishing waits on WordPress through injected faults and retries: allow a minute.
const PUBLISH_WAIT_MS = 60_000;

const secrets = createSecretBox(Buffer.alloc(32, 4).toString('base64'));
let db: TestDatabase;
let wp: WordPressServer;
let proxy: FaultProxy;
let graph: GraphApiDouble;
let deps: ActivityDeps;
let agency: SeededAgency;
let workers: Worker[];
let running: Promise<unknown>;
let nativeConnection: NativeConnection;
let connection: Connection;
let client: Client;
const taskQueue = `publishing-test-${randomBytes(4).toString('hex')}`;
const wpQueue = `${taskQueue}-wordpress`;

before(async () => {
  // Expected activity failures (lost responses, a wrong password) are not worth a warning here.
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  db = await createTestDatabase();
  [wp, graph] = await Promise.all([startTestWordPress(true), startGraphApiDouble()]);
  proxy = await startFaultProxy(wp.baseUrl);
  // WordPress calls go to their own queue, as in production (TASK_QUEUE_PUBLISHING).
  deps = {
    ...testActivityDeps(db.app, secrets, graph.baseUrl),
    publishing: { taskQueue: wpQueue },
  };
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
  nativeConnection = await NativeConnection.connect({ address });
  const all = createActivities(deps);
  // The orchestration worker lacks the WordPress activities: they must arrive on wpQueue.
  const { uploadMedia, pushProperty, updateProperty, archiveProperty, ...orchestration } = all;
  workers = [
    await Worker.create({
      connection: nativeConnection,
      taskQueue,
      workflowBundle: await bundleWorkflowCode({
        workflowsPath: require.resolve('./workflows'),
        logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} },
      }),
      activities: orchestration,
    }),
    await Worker.create({
      connection: nativeConnection,
      taskQueue: wpQueue,
      activities: { uploadMedia, pushProperty, updateProperty, archiveProperty },
    }),
  ];
  running = Promise.all(workers.map((w) => w.run()));
  connection = await Connection.connect({ address });
  client = new Client({ connection });
});
after(async () => {
  workers?.forEach((w) => w.shutdown());
  await running;
  await nativeConnection?.close();
  await connection?.close();
  await proxy?.close();
  await Promise.all([wp?.stop(), graph?.close()]);
  await db?.drop();
});

async function start(listingId: string, maxCommands?: number) {
  const workflowId = `listing:${agency.agencyId}:${listingId}`;
  const handle = await client.workflow.start<typeof publishingTestWorkflow>(
    'publishingTestWorkflow',
    {
      taskQueue,
      workflowId,
      args: [
        {
          agencyId: agency.agencyId,
          listingId,
          agentPhone: agency.agentPhone,
          messageIds: [],
          ...(maxCommands ? { maxCommands } : {}),
        },
      ],
    },
  );
  const latest = () => client.workflow.getHandle(workflowId);
  const statusIs = (status: string) =>
    eventually(
      async () => {
        const view = await latest().query(listingStatusQuery);
        return view.status === status && view;
      },
      `status ${status}`,
      PUBLISH_WAIT_MS,
    );
  return { handle, latest, statusIs };
}

test('publish through lost responses and a 429, then update, archive, republish, continue-as-new', async () => {
  agency = await seedAgency(db, secrets, { accessToken: graph.token });
  const listing = await seedListing(db, deps.storage, agency.agencyId, { photos: 3 });
  const siteId = await seedSite(db, secrets, agency.agencyId, wp, 'property', {
    baseUrl: proxy.baseUrl,
  });
  proxy.inject({
    method: 'POST',
    route: '/wp/v2/properties',
    times: 1,
    action: { dropAfterCommit: true },
  });
  proxy.inject({
    method: 'POST',
    route: '/wp/v2/media',
    times: 1,
    action: { respond: 429, headers: { 'retry-after': '1' } },
  });
  proxy.inject({
    method: 'POST',
    route: '/wp/v2/media',
    times: 1,
    action: { dropAfterCommit: true },
  });

  const { handle, latest, statusIs } = await start(listing.listingId, 3);
  const firstRunId = handle.firstExecutionRunId;
  await statusIs('published');
  const api = adminApi(wp);
  const [post] = await api.postsOf('properties', listing.listingId);
  assert.equal((await api.postsOf('properties', listing.listingId)).length, 1, 'one post');
  assert.equal(post.status, 'publish');
  assert.equal((await api.mediaOf(listing.assetIds)).length, 3, 'each photo once');
  const row = await db.owner('listings').where({ id: listing.listingId }).first();
  assert.equal(row.status, 'published');
  const pub = await publicationOf(db, listing.listingId, siteId);
  assert.equal(pub.state, 'published');
  const state = await latest().query(publishingStateQuery);
  assert.equal(state.url, post.link);

  const sent = () => graph.sent.filter((m) => m.to === agency.agentPhone && /live/.test(m.text));
  await eventually(async () => sent().length === 1, 'the agent is told', PUBLISH_WAIT_MS);
  assert.equal(sent()[0]!.text, `Your listing is live: ${post.link}`);

  // An operator edit after publication republishes.
  await db.owner('listings').where({ id: listing.listingId }).update({ list_price: '310000' });
  await latest().signal(updateSignal, { by: { type: 'user', id: 'op' } });
  await eventually(
    async () => {
      const p = await api.get(`/wp/v2/properties/${post.id}?context=edit`);
      return p.meta.ra_ListPrice === 310000;
    },
    'the new price on WordPress',
    PUBLISH_WAIT_MS,
  );
  await statusIs('published');

  await latest().signal(archiveSignal, { reason: 'sold' });
  await statusIs('archived');
  assert.equal(
    (await api.get(`/wp/v2/properties/${post.id}?context=edit`)).meta.ra_StandardStatus,
    'Closed',
  );

  await latest().signal(republishSignal, {});
  // The third command: the run continues as new, carrying its state.
  const next = await eventually(
    async () => {
      const d = await latest().describe();
      return d.runId !== firstRunId && d;
    },
    'continue-as-new',
    PUBLISH_WAIT_MS,
  );
  assert.notEqual(next.runId, firstRunId);
  await statusIs('published');
  const carried = await latest().query(publishingStateQuery);
  assert.equal(carried.status, 'published');
  assert.equal(carried.url, post.link);
  assert.equal(
    (await api.get(`/wp/v2/properties/${post.id}?context=edit`)).meta.ra_StandardStatus,
    'Active',
  );

  // The new run still listens.
  await latest().signal(archiveSignal, { reason: 'withdrawn' });
  await statusIs('archived');
  assert.equal((await api.get(`/wp/v2/properties/${post.id}?context=edit`)).status, 'draft');
  assert.equal((await api.postsOf('properties', listing.listingId)).length, 1, 'still one post');
  assert.equal(sent().length, 1, 'the link is sent once');
  await latest().terminate('test done');
});

test('a wrong password: failed with the reason; fixed and retried: published', async () => {
  agency = await seedAgency(db, secrets, { accessToken: graph.token });
  const listing = await seedListing(db, deps.storage, agency.agencyId, { photos: 1 });
  const siteId = await seedSite(db, secrets, agency.agencyId, wp, 'posts', {
    password: 'abcd efgh ijkl mnop qrst uvwx',
  });
  const { latest, statusIs } = await start(listing.listingId);
  const failed = await statusIs('failed');
  assert.match(failed.lastError ?? '', /refused the application password of user "admin"/);
  // The query shows a move as it starts; the row has it once the status activity committed.
  const row = await eventually(async () => {
    const r = await db.owner('listings').where({ id: listing.listingId }).first();
    return r.status === 'failed' && r;
  }, 'the failed status in the database');
  assert.equal(row.status, 'failed');
  assert.equal(row.last_error, failed.lastError);
  assert.equal((await publicationOf(db, listing.listingId, siteId)).state, 'failed');

  await db
    .owner('wordpress_sites')
    .where({ id: siteId })
    .update({ app_password_encrypted: secrets.seal(wp.applicationPassword) });
  await latest().signal(retryPublishSignal, { by: { type: 'user', id: 'op' } });
  await statusIs('published');
  const posts = await adminApi(wp).postsOf('posts', listing.listingId);
  assert.deepEqual(
    posts.map((p: any) => p.status),
    ['publish'],
  );
  const pub = await publicationOf(db, listing.listingId, siteId);
  assert.equal(pub.state, 'published');
  assert.equal(pub.error, null);
  await latest().terminate('test done');
});
