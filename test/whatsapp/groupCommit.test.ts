import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestApi, type TestApi } from '../support/api';
import { seedAgency } from '../support/agency';
import { messageFrom } from '../support/whatsappFixtures';
import { GroupCommit } from '../../lib/runtime/groupCommit';
import { deliver } from './flow';

test('items that arrive during a flush are written together by the next one', async () => {
  const flushes: number[][] = [];
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  const group = new GroupCommit<string, number, number>(async (_key, items) => {
    flushes.push(items);
    if (flushes.length === 1) await gate;
    return items.map((i) => i * 10);
  });
  const first = group.submit('a', 1);
  const rest = [2, 3, 4].map((i) => group.submit('a', i));
  const other = group.submit('b', 9); // another key is not held up by the first
  assert.equal(await other, 90);
  release();
  assert.deepEqual(await Promise.all([first, ...rest]), [10, 20, 30, 40]);
  assert.deepEqual(flushes, [[1], [9], [2, 3, 4]]);
});

test('a failed flush fails every item in it, and the next batch is tried afresh', async () => {
  let calls = 0;
  const group = new GroupCommit<string, number, number>(async (_key, items) => {
    calls += 1;
    if (calls === 1) throw new Error('database down');
    return items;
  });
  const results = await Promise.allSettled([group.submit('a', 1), group.submit('a', 2)]);
  assert.equal(results[0]?.status, 'rejected');
  assert.deepEqual(results[1], { status: 'fulfilled', value: 2 });
  assert.equal(await group.submit('a', 3), 3);
});

let db: TestDatabase;
let api: TestApi;
before(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db, {
    WHATSAPP_APP_SECRET: 'group-secret',
    TEMPORAL_ADDRESS: '127.0.0.1:1',
  });
});
after(async () => {
  await api.close();
  await db.drop();
});

test('concurrent webhooks, re-deliveries among them, commit each message exactly once', async () => {
  const agency = await seedAgency(db, api.deps.secrets, { accessToken: 'token' });
  const message = (text: string) =>
    messageFrom('inbound_text__pywa', {
      phoneNumberId: agency.phoneNumberId,
      from: agency.agentPhone,
      text,
    });
  const repeated = message('the same message, delivered ten times at once');
  const distinct = Array.from({ length: 20 }, (_, i) => message(`message ${i}`));
  const answers = await Promise.all([
    ...Array.from({ length: 10 }, () => deliver(api, 'group-secret', repeated.payload)),
    ...distinct.map((m) => deliver(api, 'group-secret', m.payload)),
  ]);
  const duplicates = answers.reduce((n, a) => n + (a.body.duplicates as number), 0);
  assert.equal(duplicates, 9);
  const rows = await db.owner('inbound_messages').where({ agency_id: agency.agencyId });
  assert.equal(rows.length, 21);
  assert.equal(rows.filter((r) => r.provider_message_id === repeated.id).length, 1);
  assert.deepEqual(
    new Set(rows.map((r) => r.provider_message_id)),
    new Set([repeated.id, ...distinct.map((m) => m.id)]),
  );
});
