import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import type { Browser } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { signUp, startTestApi, type TestApi } from '../support/api';
import { startGraphApiDouble, type GraphApiDouble } from '../support/graphApiDouble';
import { startTestWorker, testActivityDeps, type RunningWorker } from '../support/worker';
import { eventually, submitListing } from '../support/listingFlow';
import { launchChromium } from '../support/browser';
import { listingWorkflowId } from '../../workflows/shared/ids';
import { ListingStatus } from '../../workflows/shared/searchAttributes';

const APP_SECRET = 'dashboard-secret-1';
const SHOTS = process.env.SCREENSHOT_DIR ?? path.join(os.tmpdir(), 'realty-screenshots');
let db: TestDatabase;
let api: TestApi;
let graph: GraphApiDouble;
let worker: RunningWorker;
let browser: Browser;
const taskQueue = `dash-${randomBytes(4).toString('hex')}`;

before(async () => {
  db = await createTestDatabase();
  graph = await startGraphApiDouble();
  api = await startTestApi(db, {
    WHATSAPP_APP_SECRET: APP_SECRET,
    TASK_QUEUE_LISTINGS: taskQueue,
    INTAKE_QUIET_WINDOW_SECONDS: '30',
  });
  worker = await startTestWorker(testActivityDeps(db.app, api.deps.secrets, graph.baseUrl), {
    taskQueue,
  });
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  await worker.stop();
  await api.close();
  await graph.close();
  await db.drop();
});

test('an operator logs in, opens a listing in review, changes the price and approves it', async () => {
  const owner = await signUp(api, 'Browser Realty');
  const agentPhone = `3460${Math.floor(1e6 + Math.random() * 8e6)}`;
  const [channel] = await db
    .owner('whatsapp_channels')
    .insert({
      agency_id: owner.agencyId,
      phone_number_id: `pn-${randomBytes(4).toString('hex')}`,
      access_token_encrypted: api.deps.secrets.seal(graph.token),
    })
    .returning('*');
  const [agent] = await db
    .owner('users')
    .insert({ agency_id: owner.agencyId, name: 'Agent', role: 'agent', whatsapp_phone: agentPhone })
    .returning('id');
  const listing = await submitListing(
    api,
    db,
    {
      agencyId: owner.agencyId,
      agentId: agent.id,
      agentPhone,
      channelId: channel.id,
      phoneNumberId: channel.phone_number_id,
    },
    APP_SECRET,
    '3 bed house in Sintra, garden',
  );

  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  await page.goto(`${api.url}/app/`);
  await page.getByLabel('E-mail').fill(owner.email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await page.getByRole('heading', { name: 'Review queue' }).waitFor();
  await page.getByRole('button', { name: /awaiting review \(1\)/ }).waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'queue.png'), fullPage: true });
  await page.locator('tbody a').first().click();

  await page.getByRole('heading', { name: 'What the agent sent' }).waitFor();
  assert.ok(
    await page.getByText('3 bed house in Sintra, garden').isVisible(),
    "the agent's message is shown",
  );
  await page.getByLabel('ListPrice', { exact: true }).fill('485000');
  await page.getByLabel('Currency', { exact: true }).fill('EUR');
  await page.screenshot({ path: path.join(SHOTS, 'listing.png'), fullPage: true });
  // Keyboard: the approve button is reachable and pressed with Enter.
  await page.getByRole('button', { name: 'Approve' }).focus();
  await page.keyboard.press('Enter');
  // Approved, then publishing (which, with no WordPress site connected, fails saying why).
  await page.locator('#listing-status', { hasText: /approved|publishing|failed/ }).waitFor();

  const row = await db.owner('listings').where({ id: listing.id }).first();
  assert.ok(['approved', 'publishing', 'failed'].includes(row.status), row.status);
  assert.equal(Number(row.list_price), 485000);
  const approval = await db
    .owner('audit_log')
    .where({ target_id: listing.id, action: 'listing.approved' })
    .first();
  assert.equal(
    approval.actor_id,
    owner.userId,
    'the approval reached the workflow as the operator',
  );
  const described = await eventually(async () => {
    const d = await api.deps.temporal.client.workflow
      .getHandle(listingWorkflowId(owner.agencyId, listing.id))
      .describe();
    return d.typedSearchAttributes.get(ListingStatus) !== 'awaiting_review' ? d : undefined;
  }, 'the workflow to record approval');
  assert.ok(described);
  assert.deepEqual(consoleErrors, []);
});
