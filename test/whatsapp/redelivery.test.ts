import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createDb, type Db } from '../../lib/db';
import { createSecretBox } from '../../lib/crypto/secretBox';
import { ingestWebhook } from '../../lib/whatsapp/ingest';
import { WebhookPayload, batchesOf } from '../../lib/whatsapp/payload';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedAgency, type SeededAgency } from '../support/agency';
import { messageFrom } from '../support/whatsappFixtures';

// Meta re-delivers whatever it did not see acknowledged in time; under load that is most of
// the traffic. A re-delivery of a message this process has committed is answered from memory.
let db: TestDatabase;
let agency: SeededAgency;

before(async () => {
  db = await createTestDatabase();
  agency = await seedAgency(db, createSecretBox(randomBytes(32).toString('base64')), {
    accessToken: 'token',
  });
});
after(() => db.drop());

const delivery = (id?: string) => {
  const { payload, id: messageId } = messageFrom('inbound_text__pywa', {
    phoneNumberId: agency.phoneNumberId,
    from: agency.agentPhone,
    ...(id ? { id } : {}),
  });
  return { batches: batchesOf(WebhookPayload.parse(payload)), id: messageId };
};

test('a re-delivery of a message this process stored is a duplicate without touching the database', async () => {
  const handle: Db = createDb(db.appUrl, 1);
  const first = delivery();
  const stored = await ingestWebhook(handle, first.batches);
  assert.equal(stored.stored.get(agency.agencyId)?.length, 1);

  await handle.destroy(); // from here on any query fails
  const again = await ingestWebhook(handle, delivery(first.id).batches);
  assert.deepEqual(
    { duplicates: again.duplicates, stored: again.stored.size },
    { duplicates: 1, stored: 0 },
  );
  // A message it has not seen still goes to the database (and fails with it: nothing is
  // acknowledged that was not committed).
  await assert.rejects(ingestWebhook(handle, delivery().batches));
});

test('another process (no memory of it) still finds the stored message a duplicate', async () => {
  const first = delivery();
  await ingestWebhook(db.app, first.batches);
  const other: Db = createDb(db.appUrl, 1);
  try {
    const again = await ingestWebhook(other, delivery(first.id).batches);
    assert.equal(again.duplicates, 1);
    const rows = await db.owner('inbound_messages').where({ provider_message_id: first.id });
    assert.equal(rows.length, 1);
  } finally {
    await other.destroy();
  }
});
