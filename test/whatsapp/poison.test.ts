import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { seedAgency, type SeededAgency } from '../support/agency';
import { messageFrom, statusFrom } from '../support/whatsappFixtures';
import { startListingStack, type ListingStack } from '../support/stack';
import { eventually } from '../support/eventually';
import { postSigned } from './flow';
import { GroupCommit } from '../../lib/runtime/groupCommit';

/**
 * Hostile inbound WhatsApp input: every item of a delivery is judged on its own. A poison
 * message is kept raw with its reason and answered 200 (Meta stops re-delivering); it never
 * fails the clean messages it arrived with or shared a group commit with.
 */
let stack: ListingStack;
before(async () => {
  stack = await startListingStack({ quietWindowSeconds: 3 });
});
after(async () => stack.close());

let clock = Math.floor(Date.now() / 1000) - 600;
const text = (agency: SeededAgency, body: string) =>
  messageFrom('inbound_text__pywa', {
    phoneNumberId: agency.phoneNumberId,
    from: agency.agentPhone,
    timestamp: ++clock,
    text: body,
  });
const messageOf = (payload: any) => payload.entry[0].changes[0].value.messages[0];
const quarantineOf = (agency: SeededAgency) =>
  stack.db.owner('inbound_quarantine').where({ agency_id: agency.agencyId });
const inboundOf = (agency: SeededAgency) =>
  stack.db.owner('inbound_messages').where({ agency_id: agency.agencyId });
const newAgency = () =>
  seedAgency(stack.db, stack.api.deps.secrets, { accessToken: stack.graph.token });

test('one poison delivery among six clean ones: all answered 200, six stored and processed, the poison kept with its reason', async () => {
  const agency = await newAgency();
  const clean = [
    '3 bed flat in Marbella',
    '450,000 EUR',
    '2 bathrooms',
    'sea view',
    'garage for 2 cars',
    'built 2015',
  ].map((body) => text(agency, body));
  const poison = text(agency, 'this one has a broken clock');
  messageOf(poison.payload).timestamp = 'yesterday';

  // Sent at once, so they meet in one group commit of the agency.
  const answers = await Promise.all(
    [clean[0]!, clean[1]!, clean[2]!, poison, clean[3]!, clean[4]!, clean[5]!].map((m) =>
      postSigned(stack.api, stack.appSecret, m.payload),
    ),
  );
  assert.deepEqual(
    answers.map((a) => a.status),
    [200, 200, 200, 200, 200, 200, 200],
  );
  assert.equal(
    answers.reduce((n, a) => n + (a.body.quarantined as number), 0),
    1,
  );

  const rows = await inboundOf(agency);
  assert.deepEqual(
    new Set(rows.map((r) => r.provider_message_id)),
    new Set(clean.map((m) => m.id)),
  );

  const [kept, ...more] = await quarantineOf(agency);
  assert.equal(more.length, 0);
  assert.equal(kept.reason, 'invalid_timestamp');
  assert.equal(kept.item, 'message');
  assert.equal(kept.provider_id, poison.id);
  assert.match(kept.detail, /"yesterday" is not whole seconds/);
  assert.deepEqual(JSON.parse(kept.raw), messageOf(poison.payload));

  // Processed: the six became one listing after the quiet window.
  const listing = await eventually(async () => {
    const [row] = await stack.db.owner('listings').where({ agency_id: agency.agencyId });
    const attached = await inboundOf(agency).whereNotNull('listing_id');
    return row && attached.length === 6 ? row : undefined;
  }, 'the six clean messages to become one listing');
  const attached = await inboundOf(agency).where({ listing_id: listing.id });
  assert.equal(attached.length, 6);
  assert.ok(attached.every((r) => r.state === 'dispatched'));

  // Meta never re-delivers an acknowledged item, but a retried delivery stores it once.
  const again = await postSigned(stack.api, stack.appSecret, poison.payload);
  assert.equal(again.status, 200);
  assert.equal((await quarantineOf(agency)).length, 1);
});

describe('each hostile item has its own outcome', () => {
  test('a NUL byte and a lone surrogate are normalised away, the message stored and handed on', async () => {
    const agency = await newAgency();
    const nul = text(agency, 'price\u0000 450k');
    const surrogate = text(agency, 'garden \ud83d only');
    for (const m of [nul, surrogate]) {
      const res = await postSigned(stack.api, stack.appSecret, m.payload);
      assert.equal(res.status, 200);
      assert.equal(res.body.quarantined, 0);
    }
    const rows = await inboundOf(agency).orderBy('sent_at');
    assert.deepEqual(
      rows.map((r) => r.payload.text.body),
      ['price 450k', 'garden \ufffd only'],
    );
    await eventually(
      async () => (await inboundOf(agency).where({ state: 'dispatched' })).length === 2,
      'both normalised messages handed to their intake workflow',
    );
  });

  test('a huge timestamp, an oversize message and an unknown shape are quarantined, each with its reason', async () => {
    const agency = await newAgency();
    const huge = text(agency, 'from the far future');
    messageOf(huge.payload).timestamp = '99999999999999';
    const oversize = text(agency, 'x'.repeat(70_000));
    const shapeless = text(agency, 'no id');
    delete messageOf(shapeless.payload).id;
    const notAnObject = text(agency, 'replaced');
    notAnObject.payload.entry[0].changes[0].value.messages = ['just a string'];
    const fine = text(agency, 'and a clean one in the same delivery');
    // Two items in one change: the clean one is stored beside the poison.
    huge.payload.entry[0].changes[0].value.messages.push(messageOf(fine.payload));

    for (const m of [huge, oversize, shapeless, notAnObject]) {
      const res = await postSigned(stack.api, stack.appSecret, m.payload);
      assert.equal(res.status, 200, JSON.stringify(res.body));
    }
    const kept = await quarantineOf(agency).orderBy('received_at');
    assert.deepEqual(
      kept.map((k) => k.reason),
      ['invalid_timestamp', 'oversize', 'unknown_shape', 'unknown_shape'],
    );
    assert.match(kept[0].detail, /99999999999999 is not a time/);
    assert.match(kept[1].detail, /limit 65536/);
    assert.match(kept[2].detail, /\/id/);
    assert.equal(JSON.parse(kept[3].raw), 'just a string');
    assert.deepEqual(
      (await inboundOf(agency)).map((r) => r.provider_message_id),
      [fine.id],
    );
  });

  test('a status with a broken timestamp is quarantined; the good status beside it is applied', async () => {
    const agency = await newAgency();
    const [sent] = await stack.db
      .owner('outbound_messages')
      .insert({
        agency_id: agency.agencyId,
        to_phone: agency.agentPhone,
        kind: 'received',
        idempotency_key: `k-${agency.agencyId}`,
        provider_message_id: `wamid.out-${agency.agencyId}`,
        status: 'sent',
      })
      .returning('id');
    const payload = statusFrom('status_delivered__pywa', {
      phoneNumberId: agency.phoneNumberId,
      messageId: `wamid.out-${agency.agencyId}`,
    });
    const statuses = payload.entry[0].changes[0].value.statuses;
    statuses.push({ ...statuses[0], id: 'wamid.other', timestamp: '1e30' });
    const res = await postSigned(stack.api, stack.appSecret, payload);
    assert.equal(res.status, 200);
    const row = await stack.db.owner('outbound_messages').where({ id: sent.id }).first();
    assert.equal(row.status, 'delivered');
    const [kept] = await quarantineOf(agency);
    assert.equal(kept.item, 'status');
    assert.equal(kept.reason, 'invalid_timestamp');
  });

  test('a change without its business number is kept as unrouted, and answered 200', async () => {
    const agency = await newAgency();
    const m = text(agency, 'lost');
    delete m.payload.entry[0].changes[0].value.metadata;
    const res = await postSigned(stack.api, stack.appSecret, m.payload);
    assert.equal(res.status, 200);
    assert.equal(res.body.unrouted, 1);
    const rows = await stack.db
      .owner('unrouted_webhooks')
      .where({ routing_key: '(unreadable)' })
      .whereRaw(`payload->'messages'->0->>'id' = ?`, [m.id]);
    assert.equal(rows.length, 1);
  });
});

test('a batch the store refuses is retried item by item: only the refused item fails', async () => {
  const flushes: number[][] = [];
  const refused = Object.assign(new Error('invalid input'), { code: '22P05' });
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const group = new GroupCommit<string, number, number>(
    async (_key, items) => {
      flushes.push(items);
      if (flushes.length === 1) await gate;
      if (items.includes(13)) throw refused;
      return items.map((i) => i * 2);
    },
    500,
    (err) => (err as { code?: string }).code === '22P05',
  );
  const first = group.submit('a', 1);
  const batch = [2, 13, 4].map((i) => group.submit('a', i));
  release();
  const results = await Promise.allSettled([first, ...batch]);
  assert.deepEqual(
    results.map((r) => (r.status === 'fulfilled' ? r.value : 'refused')),
    [2, 4, 'refused', 8],
  );
  assert.deepEqual(flushes, [[1], [2, 13, 4], [2], [13], [4]]);

  // A failure of the store itself (not about an item) fails the batch without a retry storm.
  const down = new GroupCommit<string, number, number>(async () => {
    throw Object.assign(new Error('connection lost'), { code: '57P01' });
  });
  const settled = await Promise.allSettled([down.submit('a', 1), down.submit('a', 2)]);
  assert.ok(settled.every((s) => s.status === 'rejected'));
});
