import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { NativeConnection, Worker, bundleWorkflowCode } from '@temporalio/worker';
import { installTracing } from '../../lib/metrics/tracing';
import { createTemporal } from '../../lib/temporal/client';
import { TemporalConfig } from '../../lib/config';

interface OtlpSpan {
  traceId: string;
  name: string;
}

/** An OTLP/HTTP collector that keeps every span it is sent (JSON encoding). */
const spans: OtlpSpan[] = [];
const collector = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString()) as {
      resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[];
    };
    for (const r of body.resourceSpans) for (const s of r.scopeSpans) spans.push(...s.spans);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});

let worker: Worker;
let running: Promise<void>;
let connection: NativeConnection;
const taskQueue = `tracing-${randomBytes(4).toString('hex')}`;
const address = process.env.TEMPORAL_ADDRESS ?? '127.0.0.1:7233';

before(async () => {
  collector.listen(0, '127.0.0.1');
  await new Promise((r) => collector.once('listening', r));
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  const tracing = installTracing('realty-test');
  assert.ok(tracing);
  connection = await NativeConnection.connect({ address });
  worker = await Worker.create({
    connection,
    taskQueue,
    // As a worker image's prebuilt bundle must: with the tracing workflow interceptors in it.
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: require.resolve('../../workflows'),
      workflowInterceptorModules: [
        require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors'),
      ],
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} },
    }),
    plugins: [tracing.plugin],
    activities: { replyToUnknownSender: () => Promise.resolve() },
  });
  running = worker.run();
});
after(async () => {
  worker.shutdown();
  await running;
  await connection.close();
  await installTracing('realty-test')?.shutdown();
  collector.closeAllConnections();
  collector.close();
});

test('off without an OTLP endpoint', () => {
  assert.equal(installTracing('x', {}), undefined);
});

test('one trace runs from the client call through the workflow to its activity', async () => {
  const temporal = createTemporal(TemporalConfig.parse({ TEMPORAL_ADDRESS: address }));
  try {
    await temporal.client.workflow.execute('unknownSenderWorkflow', {
      taskQueue,
      workflowId: `tracing-${randomUUID()}`,
      args: [{ agencyId: randomUUID(), phone: '34600000001', channelId: null }],
    });
  } finally {
    await temporal.close();
  }
  const named = (prefix: string) => spans.find((s) => s.name.startsWith(prefix));
  const all = () => named('StartWorkflow') && named('RunWorkflow') && named('RunActivity');
  for (let i = 0; i < 60 && !all(); i++) await new Promise((r) => setTimeout(r, 250));
  const start = named('StartWorkflow:unknownSenderWorkflow');
  const run = named('RunWorkflow:unknownSenderWorkflow');
  const activity = named('RunActivity:replyToUnknownSender');
  assert.ok(start && run && activity, `spans: ${spans.map((s) => s.name).join(', ')}`);
  assert.equal(run.traceId, start.traceId, 'the workflow continues the client trace');
  assert.equal(activity.traceId, start.traceId, 'the activity continues it too');
});
