import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import type { Browser } from 'playwright-core';
import { signUp } from '../support/api';
import { connectWhatsApp, startListingStack, type ListingStack } from '../support/stack';
import { submitListing } from '../support/listingFlow';
import { eventually } from '../support/eventually';
import { launchChromium } from '../support/browser';
import { listingWorkflowId } from '../../workflows/shared/ids';
import { ListingStatus } from '../../workflows/shared/searchAttributes';

const SHOTS = process.env.SCREENSHOT_DIR ?? path.join(os.tmpdir(), 'realty-screenshots');
let stack: ListingStack;
let browser: Browser;

before(async () => {
  stack = await startListingStack();
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
after(async () => {
  await browser?.close();
  await stack.close();
});

test('an operator logs in, opens a listing in review, changes the price and approves it', async () => {
  const { api, db } = stack;
  const owner = await signUp(api, 'Browser Realty');
  const agency = await connectWhatsApp(stack, owner.agencyId);
  const listing = await submitListing(
    api,
    db,
    agency,
    stack.appSecret,
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
  // Empty fields are hidden until asked for; the agent gave no price.
  assert.equal(await page.getByLabel('ListPrice', { exact: true }).isVisible(), false);
  await page.getByRole('button', { name: 'Show empty fields' }).click();
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
