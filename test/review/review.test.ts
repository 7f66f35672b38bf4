import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomBytes, randomUUID } from 'node:crypto';
import type { TestDatabase } from '../support/database';
import { signUp, startTestApi, type TestApi } from '../support/api';
import type { GraphApiDouble } from '../support/graphApiDouble';
import { connectWhatsApp, startListingStack, type ListingStack } from '../support/stack';
import { submitListing } from '../support/listingFlow';
import { eventually } from '../support/eventually';
import type { SeededAgency } from '../support/agency';
import { freePort } from '../../scripts/services/process';

let stack: ListingStack;
let db: TestDatabase;
let api: TestApi;
let graph: GraphApiDouble;
let owner: Awaited<ReturnType<typeof signUp>>;
let agency: SeededAgency;

before(async () => {
  stack = await startListingStack();
  ({ db, api, graph } = stack);
  owner = await signUp(api, 'Review Realty');
  agency = await connectWhatsApp(stack, owner.agencyId);
});
after(async () => stack.close());

const submit = (text: string) => submitListing(api, db, agency, stack.appSecret, text);
const audit = (listingId: string, action: string) =>
  db.owner('audit_log').where({ target_id: listingId, action });

describe('the review API', () => {
  test('lists listings newest first with counts, and shows one with messages, timeline and its workflow', async () => {
    const listing = await submit('2 bed flat in Lisbon, 350000 EUR');
    const list = await api.request('GET', '/v1/listings?status=awaiting_review', {
      token: owner.token,
    });
    assert.equal(list.status, 200);
    assert.equal(list.body.data[0].id, listing.id);
    assert.ok(list.body.counts.awaiting_review >= 1);

    const detail = await api.request('GET', `/v1/listings/${listing.id}`, { token: owner.token });
    assert.equal(detail.status, 200);
    assert.deepEqual(
      detail.body.messages.map((m: { text: string }) => m.text),
      ['2 bed flat in Lisbon, 350000 EUR', 'done'],
    );
    assert.equal(detail.body.workflow.id, `listing:${owner.agencyId}:${listing.id}`);
    assert.match(detail.body.workflow.url, /\/namespaces\/default\/workflows\/listing%3A/);
    assert.ok(
      detail.body.timeline.some(
        (t: { action: string; data: { to: string } }) =>
          t.action === 'listing.status_changed' && t.data.to === 'awaiting_review',
      ),
    );
    assert.ok('ListPrice' in detail.body.fields);
  });

  test('an edit is validated, saved, audited with its diff, and remembered as the operator’s', async () => {
    const listing = await submit('Casa en Madrid');
    const bad = await api.request('PATCH', `/v1/listings/${listing.id}`, {
      token: owner.token,
      body: { fields: { ListPrice: -5, Currency: 'euro', Bedrooms: 3 } },
    });
    assert.equal(bad.status, 422);
    assert.ok(bad.body.error.fields['/fields/ListPrice']);
    assert.ok(bad.body.error.fields['/fields/Currency']);

    const ok = await api.request('PATCH', `/v1/listings/${listing.id}`, {
      token: owner.token,
      body: { fields: { ListPrice: 420000, Currency: 'EUR', BedroomsTotal: 3 } },
    });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.fields.ListPrice.value, 420000);
    assert.deepEqual(ok.body.operatorEdits, {
      ListPrice: true,
      Currency: true,
      BedroomsTotal: true,
    });
    const [edit] = await audit(listing.id, 'listing.edited');
    assert.deepEqual(edit.data.changes.ListPrice, { from: null, to: 420000 });
    assert.equal(edit.actor_id, owner.userId);

    // The workflow saves the edit: a draft of another listing refuses all of it, by field.
    const foreign = await api.request('PATCH', `/v1/listings/${listing.id}`, {
      token: owner.token,
      body: { title: 'Never saved', drafts: [{ id: randomUUID(), content: 'Elsewhere' }] },
    });
    assert.equal(foreign.status, 422);
    assert.match(foreign.body.error.fields['/drafts'], /is not part of this listing/);
    const row = await db.owner('listings').where({ id: listing.id }).first();
    assert.notEqual(row.title, 'Never saved', 'the edit rolled back as a whole');
  });

  test('approve goes through the workflow: the answer is its new status, and a second approval is 409', async () => {
    const listing = await submit('Studio in Porto');
    const res = await api.request('POST', `/v1/listings/${listing.id}/approve`, {
      token: owner.token,
      body: { note: 'looks good' },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'approved');
    // Publishing follows approval; with no WordPress site connected it fails saying why.
    const row = await eventually(async () => {
      const r = await db.owner('listings').where({ id: listing.id }).first();
      return r.last_error ? r : undefined;
    }, 'the publishing step to run');
    assert.equal(row.status, 'failed');
    assert.match(row.last_error, /no WordPress site connected/);
    const [approval] = await audit(listing.id, 'listing.approved');
    assert.equal(approval.actor_id, owner.userId);
    assert.equal(approval.data.note, 'looks good');

    const again = await api.request('POST', `/v1/listings/${listing.id}/approve`, {
      token: owner.token,
    });
    assert.equal(again.status, 409);
    assert.equal(
      again.body.error.code,
      'not_awaiting_review',
      'the workflow’s status table refused',
    );
    assert.equal(again.body.error.status, 'failed');
    const noReason = await api.request('POST', `/v1/listings/${listing.id}/archive`, {
      token: owner.token,
      body: {},
    });
    assert.equal(noReason.status, 422, 'archiving needs a reason');
    const retry = await api.request('POST', `/v1/listings/${listing.id}/retry-publish`, {
      token: owner.token,
    });
    // Applied by the workflow before the answer: still no site, so it failed again.
    assert.equal(retry.status, 200);
    assert.equal(retry.body.status, 'failed');
    assert.equal((await audit(listing.id, 'listing.retry_publish_requested')).length, 1);
    const archiveAgain = await api.request('POST', `/v1/listings/${listing.id}/republish`, {
      token: owner.token,
    });
    assert.equal(archiveAgain.status, 409);
    assert.equal(archiveAgain.body.error.code, 'not_published');
  });

  test('reject needs a reason, and the agent is told why on WhatsApp', async () => {
    const listing = await submit('Flat in Faro');
    const noReason = await api.request('POST', `/v1/listings/${listing.id}/reject`, {
      token: owner.token,
      body: {},
    });
    assert.equal(noReason.status, 422);
    const res = await api.request('POST', `/v1/listings/${listing.id}/reject`, {
      token: owner.token,
      body: { reason: 'The photos are missing' },
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'rejected');
    const reply = await eventually(
      async () =>
        graph.sent.find((m) => m.to === agency.agentPhone && m.text.includes('not approved')),
      'the rejection message',
    );
    assert.equal(reply.text, 'Your listing was not approved: The photos are missing');
  });

  test('a blocking check refuses approval until an override with a reason is recorded', async () => {
    const listing = await submit('House in Braga');
    await db.owner('drafts').insert({
      agency_id: owner.agencyId,
      listing_id: listing.id,
      kind: 'description_long',
      language: 'en',
      content: 'Perfect for young couples.',
      checks: JSON.stringify([
        {
          id: 'fh-1',
          kind: 'fair_housing',
          severity: 'blocking',
          message: '"perfect for young couples" states a preference by familial status',
        },
      ]),
    });
    const refused = await api.request('POST', `/v1/listings/${listing.id}/approve`, {
      token: owner.token,
    });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'approval_blocked');
    assert.match(refused.body.error.message, /young couples/);
    assert.equal(
      (await db.owner('listings').where({ id: listing.id }).first()).status,
      'awaiting_review',
    );

    const approved = await api.request('POST', `/v1/listings/${listing.id}/approve`, {
      token: owner.token,
      body: {
        overrides: [
          { checkId: 'fh-1', reason: 'Quoted from the owner, removed in the final text' },
        ],
      },
    });
    assert.equal(approved.status, 200);
    const [row] = await audit(listing.id, 'listing.approved');
    assert.deepEqual(row.data.overrides, [
      { checkId: 'fh-1', reason: 'Quoted from the owner, removed in the final text' },
    ]);
  });
});

describe('authorization', () => {
  test('agents see only their own listings and cannot decide; another agency gets 404', async () => {
    const listing = await submit('Loft in Lisbon');
    const invite = await api.request('POST', '/v1/users/invitations', {
      token: owner.token,
      body: {
        name: 'Other agent',
        email: `other-${randomBytes(3).toString('hex')}@review.test`,
        role: 'agent',
        whatsappPhone: `+351 9${Math.floor(1e7 + Math.random() * 8e7)}`,
      },
    });
    const other = await api.request('POST', '/v1/auth/invitations/accept', {
      body: { token: invite.body.invitationToken, password: 'another agent here' },
    });
    const mine = await api.request('GET', '/v1/listings', { token: other.body.accessToken });
    assert.equal(mine.status, 200);
    assert.equal(mine.body.total, 0);
    assert.equal(
      (await api.request('GET', `/v1/listings/${listing.id}`, { token: other.body.accessToken }))
        .status,
      404,
    );
    const decide = await api.request('POST', `/v1/listings/${listing.id}/approve`, {
      token: other.body.accessToken,
    });
    assert.equal(decide.status, 403);

    const stranger = await signUp(api, 'Stranger Homes');
    assert.equal(
      (await api.request('GET', `/v1/listings/${listing.id}`, { token: stranger.token })).status,
      404,
    );
    assert.equal(
      (await api.request('POST', `/v1/listings/${listing.id}/approve`, { token: stranger.token }))
        .status,
      404,
    );
    assert.equal(
      (await db.owner('listings').where({ id: listing.id }).first()).status,
      'awaiting_review',
    );
  });

  test('with Temporal down a decision is 503 and nothing changes', async () => {
    const listing = await submit('Apartment in Coimbra');
    const down = await startTestApi(db, {
      TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`,
      JWT_SECRET: api.deps.config.JWT_SECRET,
    });
    try {
      const res = await down.request('POST', `/v1/listings/${listing.id}/approve`, {
        token: owner.token,
      });
      assert.equal(res.status, 503);
      assert.equal(res.body.error.code, 'temporal_unavailable');
      const patch = await down.request('PATCH', `/v1/listings/${listing.id}`, {
        token: owner.token,
        body: { fields: { ListPrice: 1 } },
      });
      assert.equal(patch.status, 503);
    } finally {
      await down.close();
    }
    const row = await db.owner('listings').where({ id: listing.id }).first();
    assert.equal(row.status, 'awaiting_review');
    assert.equal(row.list_price, null, 'nothing was sent, so nothing was saved');
    assert.equal((await audit(listing.id, 'listing.approved')).length, 0);
  });
});

describe('timers', () => {
  test('a listing left in review is reminded about, then expires, and an operator can reopen it', async () => {
    await db
      .owner('agencies')
      .where({ id: owner.agencyId })
      .update({
        settings: JSON.stringify({
          review: { remindAfterMinutes: 0.02, expireAfterMinutes: 0.06 },
        }),
      });
    try {
      const listing = await submit('Villa in Cascais');
      await eventually(
        async () => (await audit(listing.id, 'listing.review_reminder')).length === 1,
        'the reminder',
      );
      await eventually(
        async () =>
          (await db.owner('listings').where({ id: listing.id }).first()).status === 'expired',
        'expiry',
        20_000,
      );
      const approve = await api.request('POST', `/v1/listings/${listing.id}/approve`, {
        token: owner.token,
      });
      assert.equal(approve.status, 409);
      assert.equal(approve.body.error.status, 'expired');
      const reopen = await api.request('POST', `/v1/listings/${listing.id}/reopen`, {
        token: owner.token,
      });
      assert.equal(reopen.status, 200);
      assert.equal(reopen.body.status, 'awaiting_review');
      assert.equal((await audit(listing.id, 'listing.reopened')).length, 1);
    } finally {
      await db
        .owner('agencies')
        .where({ id: owner.agencyId })
        .update({ settings: JSON.stringify({}) });
    }
  });
});
