/**
 * The worker running the WordPress activities is killed (SIGKILL) after WordPress created the
 * post and before the worker heard back; a new worker process takes over. Temporal retries the
 * activity once its heartbeat times out, the lease of the dead attempt expires, and the retry
 * finds the post it created: exactly one post, each photo once. Takes about a minute and a
 * half (the one-minute heartbeat timeout of the publishing activities).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
import { seedAgency } from '../support/agency';
import { testActivityDeps } from '../support/worker';
import { startGraphApiDouble, type GraphApiDouble } from '../support/graphApiDouble';
import { createSecretBox } from '../../lib/crypto/secretBox';
import { LocalStorage } from '../../lib/storage';
import { createActivities, type ActivityDeps } from '../../activities';
import type { WordPressServer } from '../../scripts/services/wordpress';
import { listingStatusQuery } from '../../workflows/listing/messages';
import { startFaultProxy, type FaultProxy } from './faultProxy';
import { adminApi, publicationOf, seedListing, seedSite, startTestWordPress } from './support';
import type { publishingTestWorkflow } from './workflows';

const encryptionKey = Buffer.alloc(32, 6).toString('base64');
const secrets = createSecretBox(encryptionKey);
const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';
const taskQueue = `publishing-crash-${randomBytes(4).toString('hex')}`;
const wpQueue = `${taskQueue}-wordpress`;
const storageRoot = mkdtempSync(path.join(os.tmpdir(), 'realty-crash-'));
const urlSecret = randomBytes(32).toString('hex');

let db: TestDatabase;
let wp: WordPressServer;
let proxy: FaultProxy;
let graph: GraphApiDouble;
let deps: ActivityDeps;
let worker: Worker;
let running: Promise<void>;
let nativeConnection: NativeConnection;
let connection: Connection;
let client: Client;
const children: ChildProcess[] = [];

before(async () => {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  db = await createTestDatabase();
  [wp, graph] = await Promise.all([startTestWordPress(true), startGraphApiDouble()]);
  proxy = await startFaultProxy(wp.baseUrl);
  deps = {
    ...testActivityDeps(db.app, secrets, graph.baseUrl),
    storage: new LocalStorage({
      root: storageRoot,
      publicUrl: 'http://127.0.0.1:1',
      urlSecret,
      defaultTtlSeconds: 60,
    }),
    publishing: { taskQueue: wpQueue },
  };
  nativeConnection = await NativeConnection.connect({ address });
  const { uploadMedia, pushProperty, updateProperty, archiveProperty, ...orchestration } =
    createActivities(deps);
  void [uploadMedia, pushProperty, updateProperty, archiveProperty];
  worker = await Worker.create({
    connection: nativeConnection,
    taskQueue,
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: require.resolve('./workflows'),
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} },
    }),
    activities: orchestration,
  });
  running = worker.run();
  connection = await Connection.connect({ address });
  client = new Client({ connection });
});
after(async () => {
  for (const child of children) child.kill('SIGKILL');
  worker?.shutdown();
  await running;
  await nativeConnection?.close();
  await connection?.close();
  await proxy?.close();
  await Promise.all([wp?.stop(), graph?.close()]);
  await db?.drop();
  rmSync(storageRoot, { recursive: true, force: true });
});

/** A separate worker process for the WordPress activities; resolves once it polls. */
async function startWordPressWorker(): Promise<ChildProcess> {
  const settings = {
    databaseUrl: db.appUrl,
    temporalAddress: address,
    taskQueue: wpQueue,
    encryptionKey,
    storageRoot,
    urlSecret,
  };
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(__dirname, 'wordpressWorker.ts'), JSON.stringify(settings)],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`worker exited (${code})`)));
  });
  return child;
}

test('the worker is killed mid-publish and replaced: exactly one post', async () => {
  const agency = await seedAgency(db, secrets, { accessToken: graph.token });
  const listing = await seedListing(db, deps.storage, agency.agencyId, { photos: 2 });
  const siteId = await seedSite(db, secrets, agency.agencyId, wp, 'property', {
    baseUrl: proxy.baseUrl,
  });
  proxy.inject({
    method: 'POST',
    route: '/wp/v2/properties',
    times: 1,
    action: { holdAfterCommit: true },
  });
  const first = await startWordPressWorker();
  const workflowId = `listing:${agency.agencyId}:${listing.listingId}`;
  const handle = await client.workflow.start<typeof publishingTestWorkflow>(
    'publishingTestWorkflow',
    {
      taskQueue,
      workflowId,
      args: [
        {
          agencyId: agency.agencyId,
          listingId: listing.listingId,
          agentPhone: agency.agentPhone,
          messageIds: [],
        },
      ],
    },
  );

  await proxy.held();
  const exited = new Promise((r) => first.once('exit', r));
  first.kill('SIGKILL');
  await exited;
  const api = adminApi(wp);
  const [draft] = await api.postsOf('properties', listing.listingId);
  assert.equal(draft.status, 'draft', 'WordPress created the post before the worker died');
  assert.equal((await publicationOf(db, listing.listingId, siteId)).remote_id, null);

  await startWordPressWorker();
  const deadline = Date.now() + 180_000;
  for (;;) {
    const view = await handle.query(listingStatusQuery);
    if (view.status === 'published') break;
    assert.ok(Date.now() < deadline, `still ${view.status} (${view.lastError ?? ''})`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const posts = await api.postsOf('properties', listing.listingId);
  assert.deepEqual(
    posts.map((p: any) => [p.id, p.status]),
    [[draft.id, 'publish']],
  );
  assert.equal((await api.mediaOf(listing.assetIds)).length, 2, 'each photo once');
  assert.equal((await publicationOf(db, listing.listingId, siteId)).remote_id, String(draft.id));
  assert.equal(proxy.reached('POST', '/wp/v2/properties').length, 1, 'one create ever');
  await handle.terminate('test done');
});
