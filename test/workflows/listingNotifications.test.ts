/**
 * A listing moves on whatever Meta does: with the Graph API double refusing every message
 * (503), drafting, review, approval and publishing to a real WordPress go on; the operator's
 * decision is answered while a reply is still being retried; the replies given up show on the
 * listing's timeline in words; and when Meta comes back after a few failures, each reply goes
 * out exactly once. Retry intervals are configured short (the worker's notification policy),
 * so "Meta down for half an hour" takes seconds here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { TestDatabase } from '../support/database';
import { signUp, type TestApi } from '../support/api';
import type { GraphApiDouble } from '../support/graphApiDouble';
import { connectWhatsApp, startListingStack, type ListingStack } from '../support/stack';
import { submitListing } from '../support/listingFlow';
import { eventually } from '../support/eventually';
import type { SeededAgency } from '../support/agency';
import { seedSite, startTestWordPress } from '../publishing/support';
import type { WordPressServer } from '../../scripts/services/wordpress';
import { correctionSignal } from '../../workflows/listing/messages';

// About nine seconds of retrying per reply: 0.4 s, 0.8 s, then 1.5 s apart, eight attempts.
const RETRY = { initialIntervalMs: 400, maximumIntervalMs: 1500, maximumAttempts: 8 };

let stack: ListingStack;
let db: TestDatabase;
let api: TestApi;
let graph: GraphApiDouble;
let wp: WordPressServer;
type Owner = Awaited<ReturnType<typeof signUp>>;
let owner: Owner;
let agency: SeededAgency;

before(async () => {
  [stack, wp] = await Promise.all([
    startListingStack({ notifications: RETRY }),
    startTestWordPress(false),
  ]);
  ({ db, api, graph } = stack);
});

/** Each test its own agency: its own WhatsApp number, so one test's outage is not another's. */
async function anAgency(name: string): Promise<void> {
  owner = await signUp(api, name);
  agency = await connectWhatsApp(stack, owner.agencyId);
  await seedSite(db, api.deps.secrets, owner.agencyId, wp, 'posts');
}
after(async () => {
  await stack.close();
  await wp.stop();
});

const submit = (text: string) => submitListing(api, db, agency, stack.appSecret, text);
const audit = (listingId: string, action: string) =>
  db.owner('audit_log').where({ target_id: listingId, action });
const statusOf = async (listingId: string): Promise<string> =>
  (await db.owner('listings').where({ id: listingId }).first()).status;
const toAgent = () => graph.sent.filter((m) => m.to === agency.agentPhone);

describe('with the Graph API down', () => {
  test('drafting, review, approval and publishing go on; the replies given up are on the timeline', async () => {
    await anAgency('Outage Realty');
    graph.failNext(`/${agency.phoneNumberId}/messages`, 503, 10_000);
    const sentBefore = toAgent().length;
    // Reaching review proves drafting did not wait for the "received" reply.
    const listing = await submit('2 bed flat in Lisbon, 350000 EUR, balcony');

    // The "draft ready" reply is still being retried: stored, not delivered, not given up.
    const draftReady = await eventually(
      () =>
        db
          .owner('outbound_messages')
          .where({ listing_id: listing.id, kind: 'draft_ready' })
          .first(),
      'the draft-ready reply to be attempted',
    );
    assert.equal(draftReady.provider_message_id, null);
    const givenUp = await audit(listing.id, 'listing.notification_failed');
    assert.ok(
      !givenUp.some((r) => r.data.notification === 'draft_ready'),
      'the decision below is made while the reply is still retrying',
    );

    const approved = await api.request('POST', `/v1/listings/${listing.id}/approve`, {
      token: owner.token,
    });
    assert.equal(approved.status, 200);
    assert.equal(approved.body.status, 'approved');

    await eventually(
      async () => (await statusOf(listing.id)) === 'published',
      'the listing to be published to WordPress',
      60_000,
    );

    // Each reply is given up after its bounded retry and said in words on the timeline.
    const failed = await eventually(
      async () => {
        const rows = await audit(listing.id, 'listing.notification_failed');
        const kinds = rows.map((r) => r.data.notification as string).sort();
        return kinds.length === 3 && kinds;
      },
      'the three replies to be given up',
      60_000,
    );
    assert.deepEqual(failed, ['draft_ready', 'published', 'received']);
    const detail = await api.request('GET', `/v1/listings/${listing.id}`, {
      token: owner.token,
    });
    const entry = detail.body.timeline.find(
      (t: { action: string; data: { notification?: string } }) =>
        t.action === 'listing.notification_failed' && t.data.notification === 'draft_ready',
    );
    assert.match(
      entry.data.message,
      /^The "draft ready" notification could not be sent: .*WhatsAppUnavailable/,
    );
    assert.equal(toAgent().length, sentBefore, 'Meta accepted nothing');
    assert.equal(await statusOf(listing.id), 'published');
  });
});

describe('when Meta comes back', () => {
  test('each reply goes out once after a few failures, and a late correction is answered', async () => {
    await anAgency('Recovery Realty');
    const listing = await submit('Studio in Porto, 180000 EUR');
    const approved = await api.request('POST', `/v1/listings/${listing.id}/approve`, {
      token: owner.token,
    });
    assert.equal(approved.status, 200);
    await eventually(
      async () => (await statusOf(listing.id)) === 'published',
      'the listing to be published',
      60_000,
    );
    const published = await eventually(
      async () => toAgent().find((m) => m.text.startsWith('Your listing is live')),
      'the published link to reach the agent',
    );
    assert.match(published.text, /^Your listing is live: http/);

    // A correction that reaches the listing after it moved on (the intake's check raced the
    // approval) is answered, not queued and forgotten.
    const workflowId = `listing:${owner.agencyId}:${listing.id}`;
    await api.deps.temporal.client.workflow
      .getHandle(workflowId)
      .signal(correctionSignal, { messageId: '00000000-0000-4000-8000-000000000001' });
    const answer = await eventually(
      async () => toAgent().find((m) => m.text.startsWith('Your correction was not applied')),
      'the agent to hear the correction was not applied',
    );
    assert.equal(
      answer.text,
      'Your correction was not applied: the listing is already published. Please contact the office.',
    );
    // Nothing twice: one message per reply kind of this listing.
    const rows = await db.owner('outbound_messages').where({ listing_id: listing.id });
    assert.deepEqual(rows.map((r) => r.kind as string).sort(), [
      'correction_refused',
      'draft_ready',
      'published',
      'received',
    ]);
    assert.ok(rows.every((r) => r.provider_message_id));
    assert.equal((await audit(listing.id, 'listing.notification_failed')).length, 0);
  });

  test('a reply that fails a few times is delivered once, without holding the listing', async () => {
    await anAgency('Flaky Realty');
    graph.failNext(`/${agency.phoneNumberId}/messages`, 503, 3);
    const before = toAgent().length;
    const listing = await submit('House in Braga, 420000 EUR');
    // The listing reached review while the first replies were still failing.
    assert.equal(await statusOf(listing.id), 'awaiting_review');
    await eventually(async () => {
      const replies = toAgent().slice(before);
      return (
        replies.some((m) => m.text.startsWith('Draft ready')) &&
        replies.some((m) => m.text.startsWith('Got '))
      );
    }, 'both replies after the outage');
    const replies = toAgent().slice(before);
    assert.equal(replies.filter((m) => m.text.startsWith('Draft ready')).length, 1);
    assert.equal(replies.filter((m) => m.text.startsWith('Got ')).length, 1);
  });
});

describe('an agency without a WhatsApp number', () => {
  test('an app listing from an agent with a WhatsApp number is drafted; the replies are skipped and noted', async () => {
    const noChannel = await signUp(api, 'App Only Realty');
    const [agent] = await db
      .owner('users')
      .insert({
        agency_id: noChannel.agencyId,
        name: 'Agent Bea',
        role: 'agent',
        whatsapp_phone: `3519${Math.floor(1e7 + Math.random() * 8e7)}`,
        email: `bea-${Date.now()}@agents.test`,
      })
      .returning('id');
    const token = await api.deps.accessTokens.issue({
      userId: agent.id,
      agencyId: noChannel.agencyId,
      role: 'agent',
    });
    const form = new FormData();
    form.append('text', 'Flat in Faro, 2 bed, 210000 EUR');
    const res = await fetch(`${api.url}/v1/listings`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(res.status, 201);
    const { id } = ((await res.json()) as { listing: { id: string } }).listing;
    await eventually(
      async () => (await statusOf(id)) === 'awaiting_review',
      'the app listing to await review',
    );
    const skipped = await eventually(async () => {
      const rows = await audit(id, 'listing.notification_skipped');
      return rows.length === 2 && rows;
    }, 'both replies to be noted as skipped');
    assert.deepEqual(skipped.map((r) => r.data.notification as string).sort(), [
      'draft_ready',
      'received',
    ]);
    assert.match(skipped[0].data.message, /skipped: The agency has no WhatsApp number connected/);
    assert.equal((await audit(id, 'listing.notification_failed')).length, 0);
  });
});

// Last in this file: it stops the Graph API double for good.
describe('the stand-in for Meta gone (as after `npm run demo -- --exit`)', () => {
  test('an approval after the Graph API stopped answering still publishes', async () => {
    await anAgency('Demo Exit Realty');
    const listing = await submit('Villa in Cascais, 4 bed, 1200000 EUR');
    // What the demo does on --exit: the stand-in stops once the listing awaits review, while
    // the "draft ready" reply may still be on its way. Connections are refused from now on.
    const close = graph.close.bind(graph);
    await close();
    graph.close = () => Promise.resolve();

    const approved = await api.request('POST', `/v1/listings/${listing.id}/approve`, {
      token: owner.token,
    });
    assert.equal(approved.status, 200);
    assert.equal(approved.body.status, 'approved');
    await eventually(
      async () => (await statusOf(listing.id)) === 'published',
      'the listing to be published with Meta unreachable',
      60_000,
    );
    const failed = await eventually(async () => {
      const rows = await audit(listing.id, 'listing.notification_failed');
      return rows.find((r) => r.data.notification === 'published');
    }, 'the published reply to be given up');
    assert.match(failed.data.message, /^The "published" notification could not be sent/);
  });
});
