import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from './database';
import { startTestApi, type TestApi } from './api';
import { startGraphApiDouble, type GraphApiDouble } from './graphApiDouble';
import { startTestWorker, testActivityDeps, type RunningWorker } from './worker';
import type { SeededAgency } from './agency';
import type { NotificationRetry } from '../../activities/whatsapp/notifications';

/**
 * The whole listing path for one test file: a fresh database, the real API with WhatsApp
 * configured, the Graph API double, and a worker on a queue of the file's own.
 */
export interface ListingStack {
  db: TestDatabase;
  api: TestApi;
  graph: GraphApiDouble;
  worker: RunningWorker;
  appSecret: string;
  close(): Promise<void>;
}

export async function startListingStack(
  opts: {
    quietWindowSeconds?: number;
    notifications?: NotificationRetry;
    env?: Record<string, string>;
  } = {},
): Promise<ListingStack> {
  const appSecret = `app-secret-${randomBytes(6).toString('hex')}`;
  const taskQueue = `listings-${randomBytes(4).toString('hex')}`;
  const db = await createTestDatabase();
  const graph = await startGraphApiDouble();
  const api = await startTestApi(db, {
    WHATSAPP_APP_SECRET: appSecret,
    TASK_QUEUE_LISTINGS: taskQueue,
    INTAKE_QUIET_WINDOW_SECONDS: String(opts.quietWindowSeconds ?? 30),
    ...opts.env,
  });
  const deps = testActivityDeps(db.app, api.deps.secrets, graph.baseUrl);
  // Activities store photos where the API serves them from.
  deps.storage = api.deps.storage;
  if (opts.notifications) deps.notifications = opts.notifications;
  const worker = await startTestWorker(deps, { taskQueue });
  return {
    db,
    api,
    graph,
    worker,
    appSecret,
    async close() {
      await worker.stop();
      await api.close();
      await graph.close();
      await db.drop();
    },
  };
}

/** Gives a signed-up agency a WhatsApp number and an agent, as an operator would. */
export async function connectWhatsApp(
  stack: ListingStack,
  agencyId: string,
): Promise<SeededAgency> {
  const agentPhone = `3460${Math.floor(1e6 + Math.random() * 8e6)}`;
  const [channel] = await stack.db
    .owner('whatsapp_channels')
    .insert({
      agency_id: agencyId,
      phone_number_id: `pn-${randomBytes(4).toString('hex')}`,
      access_token_encrypted: stack.api.deps.secrets.seal(stack.graph.token),
    })
    .returning(['id', 'phone_number_id']);
  const [agent] = await stack.db
    .owner('users')
    .insert({
      agency_id: agencyId,
      name: 'Agent Ana',
      role: 'agent',
      whatsapp_phone: agentPhone,
      email: `ana-${agentPhone}@agents.test`,
    })
    .returning('id');
  return {
    agencyId,
    agentId: agent.id,
    agentPhone,
    channelId: channel.id,
    phoneNumberId: channel.phone_number_id,
  };
}
