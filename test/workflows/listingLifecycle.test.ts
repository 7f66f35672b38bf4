/**
 * A published listing's life through the API, every command an Update on its workflow: an
 * edit is saved by the workflow and republished to a real WordPress, archive and republish
 * answer with the status they led to, and a command the status does not allow is refused with
 * the status table's reason (409). The run's history is committed as a replay guard
 * (`RECORD_HISTORIES=1` re-records listing-published-lifecycle.json).
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { signUp } from '../support/api';
import { connectWhatsApp, startListingStack, type ListingStack } from '../support/stack';
import { submitListing } from '../support/listingFlow';
import { eventually } from '../support/eventually';
import { recordHistory } from '../support/exportHistory';
import { seedSite, startTestWordPress } from '../publishing/support';
import type { WordPressServer } from '../../scripts/services/wordpress';

let stack: ListingStack;
let wp: WordPressServer;

before(async () => {
  [stack, wp] = await Promise.all([startListingStack(), startTestWordPress(false)]);
});
after(async () => {
  await stack.close();
  await wp.stop();
});

test('published, edited and republished, archived, republished; refused commands say why', async () => {
  const { api, db } = stack;
  const owner = await signUp(api, 'Lifecycle Realty');
  const agency = await connectWhatsApp(stack, owner.agencyId);
  await seedSite(db, api.deps.secrets, owner.agencyId, wp, 'posts');
  const listing = await submitListing(api, db, agency, stack.appSecret, 'Flat in Lisbon, 2 bed');
  const call = (method: 'POST' | 'PATCH', route: string, body?: unknown) =>
    api.request(method, `/v1/listings/${listing.id}${route}`, {
      token: owner.token,
      ...(body ? { body } : {}),
    });
  const statusOf = async () =>
    (await db.owner('listings').where({ id: listing.id }).first()).status as string;
  const settled = (status: string) =>
    eventually(async () => (await statusOf()) === status, `the listing to be ${status}`, 60_000);

  assert.equal((await call('POST', '/approve')).body.status, 'approved');
  await settled('published');
  const publication = await db.owner('publications').where({ listing_id: listing.id }).first();
  assert.ok(publication.remote_id, 'the post exists on WordPress');

  // The edit is saved by the workflow, then republished: 200 with the listing once the post
  // is updated, or 202 with where to follow it when WordPress takes longer than the wait.
  const edit = await call('PATCH', '', { title: 'Bright 2-bed flat in Lisbon' });
  assert.ok([200, 202].includes(edit.status), `edit answered ${edit.status}`);
  if (edit.status === 202) assert.equal(edit.headers.get('location'), `/v1/listings/${listing.id}`);
  await settled('published');
  const post = (await (
    await fetch(wp.restUrl(`/wp/v2/posts/${publication.remote_id}`), {
      headers: { authorization: wp.authorization },
    })
  ).json()) as { title: { rendered: string } };
  assert.equal(post.title.rendered, 'Bright 2-bed flat in Lisbon', 'the republish read the edit');

  const archived = await call('POST', '/archive', { reason: 'sold' });
  assert.equal(archived.status, 200);
  assert.equal(archived.body.status, 'archived');
  const twice = await call('POST', '/archive', { reason: 'sold' });
  assert.equal(twice.status, 409);
  assert.equal(twice.body.error.code, 'not_published');
  assert.equal(twice.body.error.status, 'archived');

  const republished = await call('POST', '/republish');
  assert.equal(republished.status, 200);
  assert.equal(republished.body.status, 'published');
  const retry = await call('POST', '/retry-publish');
  assert.equal(retry.status, 409);
  assert.equal(retry.body.error.code, 'not_failed');
  const approveAgain = await call('POST', '/approve');
  assert.equal(approveAgain.status, 409);
  assert.equal(approveAgain.body.error.code, 'not_awaiting_review');

  const actions = (await db.owner('audit_log').where({ target_id: listing.id })).map(
    (r) => r.action as string,
  );
  assert.ok(actions.includes('listing.edited'));
  assert.ok(actions.includes('listing.archive_requested'));

  recordHistory(
    path.resolve(__dirname, 'histories/listing-published-lifecycle.json'),
    `listing:${owner.agencyId}:${listing.id}`,
  );
});
