import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestApi, type TestApi } from '../support/api';
import { startGraphApiDouble, type GraphApiDouble } from '../support/graphApiDouble';
import { startTestWorker, testActivityDeps, type RunningWorker } from '../support/worker';
import { messageFrom } from '../support/whatsappFixtures';
import { sceneJpeg } from '../support/photos';
import { signMetaPayload } from '../../lib/whatsapp/signature';
import { launchChromium } from '../support/browser';
import { createStorage } from '../../lib/storage';
import { eventually } from '../support/eventually';
import { startTestWordPress, adminApi } from '../publishing/support';
import type { WordPressServer } from '../../scripts/services/wordpress';

/**
 * An agency sets itself up and runs its day entirely in the dashboard, in Chromium, against
 * the real API, a Temporal worker, a real WordPress and the WhatsApp Graph API double.
 */
const SHOTS = process.env.SCREENSHOT_DIR ?? '/tmp/h7-shots';
const PASSWORD = 'correct horse battery';
const AGENT_PHONE = `3519${Math.floor(1e7 + Math.random() * 8e7)}`;
/** What the connection check and publishing say when WordPress refuses the password. */
const WORDPRESS_REFUSED =
  /WordPress (refused the application password|did not accept the credentials) of user "admin"/;
const PHONE_NUMBER_ID = `pn-${randomBytes(4).toString('hex')}`;

let db: TestDatabase;
let graph: GraphApiDouble;
let api: TestApi;
let worker: RunningWorker;
let wp: WordPressServer;
let browser: Browser;
const appSecret = `app-secret-${randomBytes(6).toString('hex')}`;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  db = await createTestDatabase();
  graph = await startGraphApiDouble();
  const taskQueue = `listings-${randomBytes(4).toString('hex')}`;
  api = await startTestApi(db, {
    WHATSAPP_APP_SECRET: appSecret,
    WHATSAPP_VERIFY_TOKEN: 'verify-me-please',
    WHATSAPP_GRAPH_URL: graph.baseUrl,
    TASK_QUEUE_LISTINGS: taskQueue,
    INTAKE_QUIET_WINDOW_SECONDS: '30',
  });
  // Photo links must point at this API's own port (PUBLIC_URL is only known after listen),
  // or the dashboard's CSP rightly refuses them; same directory and signing key as before.
  api.deps.storage = createStorage(api.deps.config, api.url);
  const deps = testActivityDeps(db.app, api.deps.secrets, graph.baseUrl);
  deps.storage = api.deps.storage;
  worker = await startTestWorker(deps, { taskQueue });
  wp = await startTestWordPress(false);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await worker?.stop();
  await api?.close();
  await graph?.close();
  await wp?.stop();
  await db?.drop();
});

/** The confirmation link queued for `email` in the outbox (there is no mailer in tests). */
async function confirmationLinkFor(database: TestDatabase, email: string): Promise<URL> {
  const mail = await database
    .owner('account_emails')
    .where({ to_email: email.toLowerCase(), kind: 'confirm_signup' })
    .orderBy('created_at', 'desc')
    .first();
  assert.ok(mail?.link, `a confirmation e-mail was queued for ${email}`);
  return new URL(mail.link as string);
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

/** A new application password for the WordPress administrator, made as they would in WP. */
async function newApplicationPassword(name: string): Promise<{ uuid: string; password: string }> {
  const res = await adminApi(wp).call('POST', '/wp/v2/users/me/application-passwords', { name });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body as { uuid: string; password: string };
}

/** The agent's WhatsApp messages, through the real signed webhook; the listing once in review. */
async function agentSends(
  agencyId: string,
  messages: Array<{ text: string } | { photo: Buffer }>,
): Promise<{ id: string }> {
  for (const m of messages) {
    const mediaId = `media-${randomBytes(6).toString('hex')}`;
    if ('photo' in m) graph.addMedia(mediaId, m.photo, 'image/jpeg');
    const { payload } = messageFrom(
      'photo' in m ? 'inbound_image_no_caption__pywa' : 'inbound_text__pywa',
      'photo' in m
        ? { phoneNumberId: PHONE_NUMBER_ID, from: AGENT_PHONE, mediaId, media: m.photo }
        : { phoneNumberId: PHONE_NUMBER_ID, from: AGENT_PHONE, text: m.text },
    );
    const raw = JSON.stringify(payload);
    const res = await api.request('POST', '/webhooks/whatsapp', {
      rawBody: raw,
      headers: {
        'content-type': 'application/json',
        'x-hub-signature-256': signMetaPayload(appSecret, raw),
      },
    });
    assert.equal(res.status, 200);
  }
  return eventually(
    async () => {
      const row = await db
        .owner('listings')
        .where({ agency_id: agencyId, status: 'awaiting_review' })
        .first();
      return row ? { id: row.id as string } : undefined;
    },
    'the listing to await review',
    60_000,
  );
}

test('a new agency onboards, approves an agent listing, and recovers a broken WordPress password, all in the browser', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    // A refused request (402, 422) is logged by Chromium as a failed resource; not a page bug.
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text()))
      consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  const email = `owner-${randomBytes(3).toString('hex')}@sol.test`;

  try {
    // Sign up.
    await page.goto(`${api.url}/app/#/signup`);
    await page.getByLabel('Agency name').fill('Sol Realty');
    await page.getByLabel('Your name').fill('Sofia Owner');
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await shot(page, '01-signup');
    await page.getByRole('button', { name: 'Create agency' }).click();
    // No sign-in yet: the agency starts from the link in the inbox.
    await page.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    assert.equal(await page.locator('#inbox-address').textContent(), email);
    assert.equal(
      (await context.cookies()).some((c) => c.name === 'ra_session'),
      false,
      'signing up alone does not sign in',
    );
    await shot(page, '01b-signup-check-inbox');

    // Confirm: open the link the e-mail carries (the outbox row), on this API's own origin.
    const mailed = await confirmationLinkFor(db, email);
    assert.equal(
      mailed.origin + mailed.pathname + mailed.hash.replace(/\?.*$/, ''),
      `${api.deps.config.PUBLIC_URL}/app/#/confirm`,
    );
    await page.goto(`${api.url}/app/${mailed.hash}`);
    await page.getByRole('heading', { name: 'Get Sol Realty started' }).waitFor();
    await page.getByText('0 of 4 steps done.').waitFor();
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'ra_session');
    assert.ok(session?.httpOnly, 'the session cookie is httpOnly');
    assert.equal(session?.sameSite, 'Lax');
    assert.equal(
      await page.evaluate('document.cookie.includes("ra_session")'),
      false,
      'the page script cannot read the session',
    );
    assert.equal(await page.evaluate('sessionStorage.length'), 0, 'no token in storage');
    await shot(page, '02-onboarding-new');

    // Opened while signed in, the link is left for later rather than opening a second session.
    await page.goto(`${api.url}/app/#/confirm?token=not-used-while-signed-in`);
    await page.locator('#confirm-signed-in', { hasText: 'signed in to Sol Realty' }).waitFor();
    await page.goto(`${api.url}/app/#/onboarding`);
    await page.getByText('0 of 4 steps done.').waitFor();

    // The link is good once: opened again, signed out elsewhere, it says so and signs no one in.
    const elsewhere = await browser.newContext();
    const again = await elsewhere.newPage();
    await again.goto(`${api.url}/app/${mailed.hash}`);
    await again.getByText('This link is not valid or was already used').waitFor();
    assert.equal(
      (await elsewhere.cookies()).some((c) => c.name === 'ra_session'),
      false,
      'a used link starts no session',
    );
    // From the inbox page, "sign up again" brings the form back.
    await again.goto(`${api.url}/app/#/signup`);
    await again.getByLabel('Agency name').fill('Sol Realty');
    await again.getByLabel('Your name').fill('Sofia Owner');
    await again.getByLabel('E-mail').fill(email);
    await again.getByLabel(/^Password/).fill(PASSWORD);
    await again.getByRole('button', { name: 'Create agency' }).click();
    await again.getByRole('heading', { name: 'Check your inbox' }).waitFor();
    await again.getByRole('button', { name: 'sign up again' }).click();
    await again.getByRole('heading', { name: 'Create your agency' }).waitFor();
    await elsewhere.close();

    // Step 1: WhatsApp.
    await page.getByRole('link', { name: 'Connect WhatsApp' }).click();
    await page.getByLabel('Phone number ID').fill(PHONE_NUMBER_ID);
    await page.getByLabel('Phone number (as customers see it)').fill('+351 210 000 111');
    await page.getByLabel('Access token').fill('not-the-right-token-at-all');
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByText(/^Connected: \+351210000111/).waitFor();
    assert.equal(
      await page.locator('#webhook-url').textContent(),
      `${api.deps.config.PUBLIC_URL}/webhooks/whatsapp`,
    );
    assert.equal(await page.locator('#verify-token').textContent(), 'verify-me-please');
    // A wrong token: the test message says so in words.
    await page.getByLabel('Send a test message to').fill(`+${AGENT_PHONE}`);
    await page.getByRole('button', { name: 'Send test message' }).click();
    await page
      .locator('#last-delivery', { hasText: 'failed — Meta refused the access token' })
      .waitFor();
    await shot(page, '03-whatsapp-bad-token');
    await page.getByLabel(/access token/i).fill(graph.token);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByLabel('Send a test message to').fill(`+${AGENT_PHONE}`);
    await page.getByRole('button', { name: 'Send test message' }).click();
    await page.locator('#last-delivery', { hasText: `to +${AGENT_PHONE}: sent` }).waitFor();
    assert.ok(
      graph.sent.some(
        (m) => m.phoneNumberId === PHONE_NUMBER_ID && m.template?.name === 'hello_world',
      ),
      'the test message went out from the connected number',
    );
    await shot(page, '04-whatsapp-connected');

    // Step 2: invite an agent (WhatsApp number) and an admin (e-mail, invitation link).
    await page.getByRole('link', { name: 'Team' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Ana Agent');
    await page.getByLabel('Role', { exact: true }).selectOption('agent');
    await page.getByLabel('WhatsApp number (agents)').fill(`+${AGENT_PHONE}`);
    await page.getByRole('button', { name: 'Invite' }).click();
    await page.getByRole('cell', { name: `+${AGENT_PHONE}` }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Adam Admin');
    await page.getByLabel('Role', { exact: true }).selectOption('admin');
    const adminEmail = `admin-${randomBytes(3).toString('hex')}@sol.test`;
    await page.getByLabel(/^E-mail/).fill(adminEmail);
    await page.getByRole('button', { name: 'Invite' }).click();
    const invitationUrl = (await page.locator('#invitation-url').textContent())!;
    assert.match(invitationUrl, /#\/accept\?token=inv_/);
    await shot(page, '05-team');

    // Step 3: WordPress. A wrong password is refused in words; the right one connects.
    await page.getByRole('link', { name: 'WordPress' }).click();
    await page.getByLabel('Site address').fill(wp.baseUrl);
    await page.getByLabel('WordPress username').fill(wp.username);
    await page
      .getByLabel('Application password', { exact: true })
      .fill('abcd efgh ijkl mnop qrst uvwx');
    await page.getByRole('button', { name: 'Connect site' }).click();
    await page.locator('#feedback', { hasText: WORDPRESS_REFUSED }).waitFor();
    await shot(page, '06-wordpress-refused');
    const first = await newApplicationPassword('Realty Assistant');
    await page.getByLabel('Application password', { exact: true }).fill(first.password);
    await page.getByRole('button', { name: 'Connect site' }).click();
    const card = page.locator(`section.site[data-site="${wp.baseUrl}"]`);
    await card.waitFor();
    await card.getByRole('button', { name: 'Test connection' }).click();
    await card.getByText(/^Connected as /).waitFor();
    // A second site is over the Starter plan: the 402 says what to upgrade to.
    await page.getByLabel('Site address').fill('http://127.0.0.1:9/');
    await page.getByLabel('WordPress username').fill('someone');
    await page
      .getByLabel('Application password', { exact: true })
      .fill('abcd efgh ijkl mnop qrst uvwx');
    await page.getByRole('button', { name: 'Connect site' }).click();
    await page.locator('#plan-limit', { hasText: 'Upgrade to Pro' }).waitFor();
    await shot(page, '07-wordpress-connected-plan-limit');

    await page.getByRole('link', { name: 'Get started' }).click();
    await page.getByText('3 of 4 steps done.').waitFor();
    assert.equal(await page.locator('[data-step="first_listing"].todo').count(), 1);

    // Step 4: the agent's listing arrives over WhatsApp.
    const agency = await db.owner('agencies').where({ name: 'Sol Realty' }).first();
    const listing = await agentSends(agency.id, [
      {
        text: 'T2 apartment in Cascais, 2 bedrooms, 1 bathroom, 85 m2, balcony with sea view, 420000 EUR',
      },
      { photo: await sceneJpeg({ seed: 7, sky: true }) },
      { text: 'done' },
    ]);
    await page.reload();
    await page.getByText('All set: the agency is ready.').waitFor();
    await shot(page, '08-onboarding-complete');

    // Review and approve; the listing page shows where it went, with the live link.
    await page.getByRole('link', { name: 'Listings' }).click();
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    await page.locator(`a[href="#/listings/${listing.id}"]`).click();
    await page.getByRole('heading', { name: 'What the agent sent' }).waitFor();
    assert.equal(
      await page.locator('#fields .empty-field:visible').count(),
      0,
      'empty fields hidden',
    );
    await page.getByRole('button', { name: 'Show empty fields' }).click();
    assert.ok((await page.locator('#fields .empty-field:visible').count()) > 0);
    await page.getByRole('button', { name: 'Hide empty fields' }).click();
    await page.getByLabel('Caption of photo 1').fill('Sea view from the balcony');
    await page.getByLabel('Caption of photo 1').press('Enter');
    await page.getByText('Caption of photo 1 saved.').waitFor();
    const photo = await db
      .owner('listing_assets')
      .where({ listing_id: listing.id, status: 'stored' })
      .first();
    assert.equal(photo.long_description, 'Sea view from the balcony');
    await shot(page, '09-listing-review');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.locator('#listing-status', { hasText: 'published' }).waitFor({ timeout: 60_000 });
    const link = page.locator(`li[data-site="${wp.baseUrl}"] a.live-link`);
    await link.waitFor();
    const liveUrl = (await link.getAttribute('href'))!;
    const publication = await db.owner('publications').where({ listing_id: listing.id }).first();
    const post = await adminApi(wp).get(`/wp/v2/posts/${publication.remote_id}?context=edit`);
    assert.equal(post.status, 'publish', 'the post is live on WordPress');
    assert.equal(post.link, liveUrl, 'the page links to the post WordPress made');
    assert.equal((await fetch(liveUrl)).status, 200);
    await shot(page, '10-listing-published');

    // WordPress's administrator revokes the password; the next publish fails, saying why.
    const revoked = await adminApi(wp).call(
      'DELETE',
      `/wp/v2/users/me/application-passwords/${first.uuid}`,
    );
    assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
    await page.getByRole('button', { name: 'Republish' }).click();
    await page.locator('#listing-status', { hasText: 'failed' }).waitFor({ timeout: 60_000 });
    const failure = page.locator(`li[data-site="${wp.baseUrl}"] .publication-error`);
    await failure.waitFor();
    assert.match((await failure.textContent())!, WORDPRESS_REFUSED);
    await page.getByRole('button', { name: 'Retry publishing' }).waitFor();
    await shot(page, '11-listing-failed');

    // The operator pastes a new application password on the WordPress page and retries.
    const second = await newApplicationPassword('Realty Assistant (new)');
    await page.getByRole('link', { name: 'WordPress' }).click();
    await card.getByLabel('New application password').fill(second.password);
    await card.getByRole('button', { name: 'Save password' }).click();
    await card.getByText('New password checked and saved.').waitFor();
    await card.getByRole('button', { name: 'Test connection' }).click();
    await card.getByText(/^Connected as /).waitFor();
    await shot(page, '12-wordpress-password-fixed');
    await page.goto(`${api.url}/app/#/listings/${listing.id}`);
    await page.getByRole('button', { name: 'Retry publishing' }).click();
    await page.locator('#listing-status', { hasText: 'published' }).waitFor({ timeout: 60_000 });
    await page.locator(`li[data-site="${wp.baseUrl}"] a.live-link`).waitFor();
    assert.equal(await page.locator(`li[data-site="${wp.baseUrl}"] .publication-error`).count(), 0);
    const posts = (await adminApi(wp).get(
      '/wp/v2/posts?status=publish,future,draft,pending,private&per_page=100&context=edit',
    )) as Array<{ id: number; status: string }>;
    assert.deepEqual(
      posts.filter((p) => p.id !== 1).map((p) => [p.id, p.status]),
      [[post.id, 'publish']],
      'retrying updated the same post, it did not make a second one',
    );
    await shot(page, '13-listing-republished');
    await page.getByRole('button', { name: 'Mark as sold' }).click();
    await page.locator('#listing-status', { hasText: 'archived' }).waitFor({ timeout: 60_000 });
    await page.locator(`li[data-site="${wp.baseUrl}"]`, { hasText: 'taken down (sold)' }).waitFor();
    assert.equal(
      (await adminApi(wp).get(`/wp/v2/posts/${post.id}?context=edit`)).status !== 'publish',
      true,
      'a sold listing is no longer public on WordPress',
    );
    await page.getByRole('button', { name: 'Republish' }).waitFor();
    await shot(page, '13b-listing-sold');

    // Settings, billing and API keys, as the owner.
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Default currency').fill('EUR');
    await page.getByLabel('Default country').fill('PT');
    await page.getByLabel('Remind reviewers after (hours)').fill('6');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Saved.').waitFor();
    const saved = await db.owner('agencies').where({ id: agency.id }).first();
    assert.equal(saved.settings.drafting.currency, 'EUR');
    assert.equal(saved.settings.review.remindAfterMinutes, 360);
    await shot(page, '14-settings');
    await page.getByRole('link', { name: 'Billing' }).click();
    await page.getByRole('heading', { name: /Starter plan/ }).waitFor();
    await page.getByRole('button', { name: 'Upgrade to Pro' }).waitFor();
    await shot(page, '15-billing');
    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Name').fill('CRM sync');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.locator('#new-key-value').textContent())!;
    assert.match(key, /^ra_/);
    await shot(page, '16-api-keys');
    assert.equal((await api.request('GET', '/v1/me', { token: key })).status, 200);
    await page.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('No keys yet.').waitFor();
    assert.equal((await api.request('GET', '/v1/me', { token: key })).status, 401);

    // Sign out ends the session on the server: the old cookie no longer works.
    const cookieHeader = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    const replay = await api.request('GET', '/v1/me', { headers: { cookie: cookieHeader } });
    assert.equal(replay.status, 401);
    assert.deepEqual(consoleErrors, []);

    // The invited admin accepts, sets a password, and sees everything but billing.
    const adminContext = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const adminPage = await adminContext.newPage();
    await adminPage.goto(`${api.url}/app/${invitationUrl.slice(invitationUrl.indexOf('#'))}`);
    await adminPage.getByLabel(/Choose a password/).fill('another good password');
    await shot(adminPage, '17-accept-invitation');
    await adminPage.getByRole('button', { name: 'Set password and sign in' }).click();
    await adminPage.getByRole('heading', { name: 'Review queue' }).waitFor();
    const nav = adminPage.getByRole('navigation', { name: 'Sections' });
    await nav.getByRole('link', { name: 'WordPress' }).waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Billing' }).count(), 0);
    await adminPage.goto(`${api.url}/app/#/billing`);
    await adminPage.getByText('Your role does not open this page.').waitFor();
    await shot(adminPage, '18-admin-no-billing');

    // The owner signs back in, makes Adam an agent: he sees only his (no) listings, no settings.
    await page.getByLabel('E-mail').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Review queue' }).waitFor();
    await page.getByRole('link', { name: 'Team' }).click();
    const adam = await db.owner('users').where({ email: adminEmail }).first();
    await page.locator(`#role-${adam.id}`).selectOption('agent');
    await eventually(
      async () => (await db.owner('users').where({ id: adam.id }).first()).role === 'agent',
      'the role change',
    );
    await adminPage.goto(`${api.url}/app/#/queue?status=all`);
    await nav.getByRole('link', { name: 'My listings' }).waitFor();
    assert.equal(await nav.getByRole('link').count(), 1, 'agents get no settings pages');
    await adminPage.getByText('Nothing here.').waitFor();
    await adminPage.goto(`${api.url}/app/#/wordpress`);
    await adminPage.getByText('Your role does not open this page.').waitFor();
    await shot(adminPage, '19-agent-view');

    // Deactivated: his next request finds the session over and shows the sign-in page.
    await page.reload();
    await page
      .locator(`tr[data-user="${adam.id}"]`)
      .getByRole('button', { name: 'Deactivate' })
      .click();
    await page
      .locator(`tr[data-user="${adam.id}"]`)
      .getByRole('button', { name: 'Reactivate' })
      .waitFor();
    await shot(page, '20-team-deactivated');
    await adminPage.goto(`${api.url}/app/#/queue`);
    await adminPage.getByRole('heading', { name: 'Sign in' }).waitFor();
    await adminContext.close();
    await context.close();

    const final = await db.owner('listings').where({ id: listing.id }).first();
    assert.equal(final.status, 'archived', 'sold, as the operator marked it');
  } catch (err) {
    await shot(page, 'zz-failure').catch(() => undefined);
    throw err;
  }
});
