/**
 * Social publishing from the dashboard, in Chromium against the Graph API double: the owner
 * connects the agency's Facebook Page on the Social page, sees a live listing's posts on its
 * page, retries a post that failed (it goes out once, with its link), skips Instagram, and
 * removes the account.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { signUp, startTestApi, type TestApi } from '../support/api';
import { startTestWorker, testActivityDeps, type RunningWorker } from '../support/worker';
import { startSocialGraphDouble, type SocialGraphDouble } from '../support/socialGraphDouble';
import { launchChromium } from '../support/browser';
import { eventually } from '../support/eventually';
import { seedListing, seedSite } from '../publishing/support';

const SHOTS = process.env.SCREENSHOT_DIR ?? path.join(os.tmpdir(), 'realty-screenshots');
const taskQueue = `social-e2e-${randomBytes(4).toString('hex')}`;
let db: TestDatabase;
let api: TestApi;
let graph: SocialGraphDouble;
let worker: RunningWorker;
let browser: Browser;

before(async () => {
  db = await createTestDatabase();
  graph = await startSocialGraphDouble();
  api = await startTestApi(db, { SOCIAL_GRAPH_URL: graph.baseUrl, TASK_QUEUE_LISTINGS: taskQueue });
  const deps = {
    ...testActivityDeps(db.app, api.deps.secrets, graph.baseUrl),
    social: { graphUrl: graph.baseUrl, pollIntervalMs: 10, pollAttempts: 50 },
  };
  deps.storage = api.deps.storage;
  worker = await startTestWorker(deps, { taskQueue });
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

test('the owner connects a Page, retries a failed post from the listing page and skips Instagram', async () => {
  const owner = await signUp(api, 'Social Browser Realty');
  await db.owner('subscriptions').where({ agency_id: owner.agencyId }).update({ plan: 'pro' });
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.goto(`${api.url}/app/`);
  await page.getByLabel('E-mail').fill(owner.email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Social' }).click();

  await page.getByRole('heading', { name: 'Social accounts' }).waitFor();
  await page.getByLabel('Page or Instagram account id').fill(graph.pageId);
  await page.getByLabel('Page access token').fill(graph.token);
  await page.getByRole('button', { name: 'Connect account' }).click();
  const card = page.locator('[data-platform="facebook"]');
  await card.getByText('connected').waitFor();
  assert.match((await card.textContent()) ?? '', /Demo Realty Lisbon/);
  await page.screenshot({ path: path.join(SHOTS, 'social-accounts.png'), fullPage: true });

  // A live listing whose Facebook post failed (the token had expired; it was reconnected).
  const { listingId } = await seedListing(db, api.deps.storage, owner.agencyId, {
    photos: 1,
    columns: { status: 'published' },
  });
  const siteId = await seedSite(
    db,
    api.deps.secrets,
    owner.agencyId,
    { baseUrl: 'https://site.example', username: 'u', applicationPassword: 'p' },
    'posts',
  );
  const link = `https://site.example/p/${listingId}/`;
  await db.owner('publications').insert({
    agency_id: owner.agencyId,
    listing_id: listingId,
    site_id: siteId,
    state: 'published',
    remote_url: link,
  });
  await db.owner('drafts').insert({
    agency_id: owner.agencyId,
    listing_id: listingId,
    kind: 'social',
    platform: 'facebook',
    language: 'en',
    content: 'Just listed: {{link}}',
    status: 'approved',
  });
  await db.owner('social_posts').insert({
    agency_id: owner.agencyId,
    listing_id: listingId,
    platform: 'facebook',
    state: 'failed',
    marker: '',
    error_code: 'token_expired',
    last_error: 'The access token expired or was revoked. Reconnect the account in Settings.',
  });

  await page.goto(`${api.url}/app/#/listings/${listingId}`);
  const facebook = page.locator('li[data-platform="facebook"]');
  await facebook.getByText('The access token expired').waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'listing-social-failed.png'), fullPage: true });
  const [retried] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/social-posts/facebook/retry')),
    facebook.getByRole('button', { name: 'Retry' }).click(),
  ]);
  assert.equal(retried.status(), 202);
  await eventually(
    async () => {
      await page.reload();
      // count() does not wait: look only once the reloaded page has drawn the post's row.
      await facebook.waitFor();
      return (await facebook.getByRole('link', { name: 'view post' }).count()) > 0;
    },
    'the retried Facebook post on the listing page',
    60_000,
  );
  const posted = graph.posts.filter((p) => p.message.includes(link));
  assert.equal(posted.length, 1, 'one post, with the live link');

  const instagram = page.locator('li[data-platform="instagram"]');
  await instagram.getByRole('button', { name: 'Skip' }).click();
  await instagram.getByText('skipped').waitFor();
  await page.screenshot({ path: path.join(SHOTS, 'listing-social-posted.png'), fullPage: true });
  const row = await db
    .owner('social_posts')
    .where({ listing_id: listingId, platform: 'instagram' })
    .first();
  assert.equal(row.state, 'skipped');

  await page.goto(`${api.url}/app/#/social`);
  page.once('dialog', (d) => void d.accept());
  await page.locator('[data-platform="facebook"]').getByRole('button', { name: 'Remove' }).click();
  await page.getByText('No social account connected yet.').waitFor();
  await page.close();
});
