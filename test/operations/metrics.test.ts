import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomBytes, randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import { Client, Connection, WorkflowFailedError } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestApi, type TestApi } from '../support/api';
import { workflowBundle } from '../support/worker';
import { activityMetrics, workerTelemetry } from '../../lib/metrics/workerMetrics';
import { freePort } from '../../scripts/services/process';

/** The value of one series in Prometheus text, or undefined when absent. */
function sample(
  text: string,
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const set = m[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => set.includes(`${k}="${v}"`))) return Number(m[3]);
  }
  return undefined;
}

describe('API /metrics', () => {
  let db: TestDatabase;
  let api: TestApi;
  let guarded: TestApi;
  const token = randomBytes(24).toString('hex');
  before(async () => {
    db = await createTestDatabase();
    api = await startTestApi(db, { WHATSAPP_APP_SECRET: 'app-secret-metrics' });
    guarded = await startTestApi(db, { METRICS_TOKEN: token });
  });
  after(async () => {
    await api.close();
    await guarded.close();
    await db.drop();
  });

  test('counts requests by route template and status, times them, counts webhook acks', async () => {
    await api.request('GET', '/healthz');
    await api.request('GET', '/healthz');
    const id = randomUUID();
    await api.request('GET', `/v1/listings/${id}`);
    await api.request('POST', '/webhooks/whatsapp', {
      rawBody: '{"object":"whatsapp_business_account","entry":[]}',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=00' },
    });
    await api.request('GET', '/no/such/page');

    const res = await api.request('GET', '/metrics');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
    const text = String(res.body);
    assert.equal(sample(text, 'http_requests_total', { route: '/healthz', status: '200' }), 2);
    assert.equal(
      sample(text, 'http_requests_total', { route: '/v1/listings/:id', status: '401' }),
      1,
    );
    assert.ok(!text.includes(id), 'raw ids never become labels');
    assert.equal(sample(text, 'http_requests_total', { route: 'unmatched', status: '404' }), 1);
    assert.equal(
      sample(text, 'http_request_duration_seconds_count', { route: '/healthz', method: 'GET' }),
      2,
    );
    assert.ok(
      (sample(text, 'http_request_duration_seconds_bucket', { route: '/healthz', le: '+Inf' }) ??
        0) >= 2,
    );
    assert.equal(sample(text, 'webhook_acks_total', { provider: 'whatsapp', status: '401' }), 1);
    assert.equal(sample(text, 'pending_handoffs'), 0);
    assert.ok(sample(text, 'process_cpu_seconds_total') !== undefined, 'process metrics too');
  });

  test('without a token only direct private callers are answered; with one, only its bearer', async () => {
    const proxied = await api.request('GET', '/metrics', {
      headers: { 'x-forwarded-for': '203.0.113.9' },
    });
    assert.equal(proxied.status, 404);
    assert.equal((await guarded.request('GET', '/metrics')).status, 404);
    // One character off (never the same one: a token ending in "0" made this the right token).
    const off = `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`;
    const wrong = await guarded.request('GET', '/metrics', { token: off });
    assert.equal(wrong.status, 404);
    const ok = await guarded.request('GET', '/metrics', { token });
    assert.equal(ok.status, 200);
    assert.ok(sample(String(ok.body), 'http_requests_total') !== undefined);
  });
});

describe('worker metrics', () => {
  let port: number;
  let worker: Worker;
  let running: Promise<void>;
  let connection: NativeConnection;
  const taskQueue = `metrics-${randomBytes(4).toString('hex')}`;
  const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';

  before(async () => {
    port = await freePort();
    Runtime.install({
      logger: new DefaultLogger('ERROR'),
      telemetryOptions: workerTelemetry(`127.0.0.1:${port}`),
    });
    connection = await NativeConnection.connect({ address });
    worker = await Worker.create({
      connection,
      taskQueue,
      workflowBundle: await workflowBundle(),
      interceptors: { activity: [activityMetrics] },
      activities: {
        replyToUnknownSender: () =>
          Promise.reject(
            ApplicationFailure.nonRetryable('recipient blocked us', 'RecipientBlocked'),
          ),
      },
    });
    running = worker.run();
  });
  after(async () => {
    worker.shutdown();
    await running;
    await connection.close();
  });

  test('the runtime serves Temporal SDK metrics and our activity failures by type', async () => {
    const client = new Client({ connection: await Connection.connect({ address }) });
    try {
      await assert.rejects(
        client.workflow.execute('unknownSenderWorkflow', {
          taskQueue,
          workflowId: `metrics-${randomUUID()}`,
          args: [{ agencyId: randomUUID(), phone: '34600000000', channelId: null }],
        }),
        WorkflowFailedError,
      );
    } finally {
      await client.connection.close();
    }
    let text = '';
    for (let i = 0; i < 20; i++) {
      text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      if (text.includes('realty_activity_failures')) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(
      sample(text, 'realty_activity_failures_total', {
        activityType: 'replyToUnknownSender',
        failure_type: 'RecipientBlocked',
        non_retryable: 'true',
        taskQueue,
      }),
      1,
      text
        .split('\n')
        .filter((l) => l.includes('realty'))
        .join('\n'),
    );
    assert.ok(
      /temporal_workflow_task_execution_latency|temporal_activity_execution_latency/.test(text),
    );
  });
});
