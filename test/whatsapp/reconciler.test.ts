import assert from 'node:assert/strict';
import { eventually } from '../support/eventually';
import { after, before, test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestApi, type TestApi } from '../support/api';
import { seedAgency } from '../support/agency';
import { messageFrom } from '../support/whatsappFixtures';
import { signMetaPayload } from '../../lib/whatsapp/signature';
import { freePort } from '../../scripts/services/process';
import { startTemporalDevServer, type TemporalDevServer } from '../../scripts/services/temporal';
import { startInboundReconciler } from '../../lib/whatsapp/reconciler';
import { dispatchPending } from '../../lib/whatsapp/dispatch';
import { intakeWorkflowId } from '../../workflows/shared/ids';
import { openGroupQuery } from '../../workflows/intake/messages';
import { startTestWorker, testActivityDeps } from '../support/worker';

const APP_SECRET = 'reconcile-secret-1';
let db: TestDatabase;
let dir: string;
let port: number;
let temporal: TemporalDevServer | undefined;

before(async () => {
  db = await createTestDatabase();
  dir = mkdtempSync(path.join(os.tmpdir(), 'realty-temporal-'));
  port = await freePort();
});
after(async () => {
  await temporal?.stop();
  await db.drop();
  rmSync(dir, { recursive: true, force: true });
});

// This file runs its own Temporal so it can stop and restart it; SQLite keeps its state.
const startTemporal = () => startTemporalDevServer({ port, dbFile: path.join(dir, 'temporal.db') });

test('messages that arrive while Temporal is down reach their workflow exactly once when it is back', async () => {
  temporal = await startTemporal();
  const api: TestApi = await startTestApi(db, {
    WHATSAPP_APP_SECRET: APP_SECRET,
    TEMPORAL_ADDRESS: temporal.address,
    TASK_QUEUE_LISTINGS: 'reconcile',
    INTAKE_QUIET_WINDOW_SECONDS: '3600',
  });
  const agency = await seedAgency(db, api.deps.secrets, { accessToken: 'token' });
  const dispatchDeps = {
    db: db.app,
    temporal: api.deps.temporal,
    taskQueue: 'reconcile',
    log: api.deps.log,
    quietWindowSeconds: 3600,
  };
  const stopReconciler = startInboundReconciler(dispatchDeps, { intervalMs: 500, graceSeconds: 0 });
  try {
    await temporal.stop();
    temporal = undefined;

    const sent: string[] = [];
    for (const text of ['2 bed flat, Lisbon', '350 000 EUR', 'balcony and lift']) {
      const { payload, id } = messageFrom('inbound_text__pywa', {
        phoneNumberId: agency.phoneNumberId,
        from: agency.agentPhone,
        text,
        timestamp: 1_700_000_000 + sent.length,
      });
      const raw = JSON.stringify(payload);
      const res = await api.request('POST', '/webhooks/whatsapp', {
        rawBody: raw,
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signMetaPayload(APP_SECRET, raw),
        },
      });
      assert.equal(
        res.status,
        200,
        'acknowledged: the message is committed even with Temporal down',
      );
      sent.push(id);
    }
    await api.deps.background.drain();
    const pending = await db.owner('inbound_messages').where({ agency_id: agency.agencyId });
    assert.deepEqual(
      pending.map((m) => m.state),
      ['pending', 'pending', 'pending'],
    );

    temporal = await startTemporal();
    const worker = await startTestWorker(
      testActivityDeps(db.app, api.deps.secrets, 'http://127.0.0.1:1'),
      { address: temporal.address, taskQueue: 'reconcile' },
    );
    try {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const rows = await db.owner('inbound_messages').where({ agency_id: agency.agencyId });
        if (rows.every((m) => m.state === 'dispatched')) break;
        if (Date.now() > deadline)
          throw new Error(`still pending: ${JSON.stringify(rows.map((r) => r.state))}`);
        await new Promise((r) => setTimeout(r, 250));
      }
      // A hand-off that Temporal accepted but whose row update was lost is re-driven too:
      await db
        .owner('inbound_messages')
        .where({ agency_id: agency.agencyId })
        .update({ state: 'pending' });
      await dispatchPending(dispatchDeps, agency.agencyId);

      const handle = api.deps.temporal.client.workflow.getHandle(
        intakeWorkflowId(agency.agencyId, agency.agentPhone),
      );
      // Each message is read once it has waited out the intake's reorder window.
      const group = await eventually(async () => {
        const g = await handle.query(openGroupQuery);
        return g.messages.length >= sent.length ? g : undefined;
      }, 'the intake to read the re-driven messages');
      assert.deepEqual(
        group.messages.map((m) => m.providerMessageId),
        sent,
        'each message once, in the order sent',
      );
      assert.deepEqual(
        group.messages.map((m) => m.text),
        ['2 bed flat, Lisbon', '350 000 EUR', 'balcony and lift'],
      );
    } finally {
      await worker.stop();
    }
  } finally {
    await stopReconciler();
    await api.close();
  }
});
