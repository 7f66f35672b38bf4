import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestApi, type TestApi } from '../support/api';
import { seedAgency, type SeededAgency } from '../support/agency';
import { fixture, messageFrom, statusFrom } from '../support/whatsappFixtures';
import { signMetaPayload } from '../../lib/whatsapp/signature';

const APP_SECRET = 'test-app-secret-123';
const VERIFY_TOKEN = 'meatyhamhock';
let db: TestDatabase;
let api: TestApi;
let agency: SeededAgency;

before(async () => {
  db = await createTestDatabase();
  // A Temporal address where nothing listens: these tests are about what is committed.
  api = await startTestApi(db, {
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
    TEMPORAL_ADDRESS: '127.0.0.1:1',
  });
  agency = await seedAgency(db, api.deps.secrets, {
    accessToken: 'token',
    phoneNumberId: '1122334455667',
    agentPhone: '972987654321',
  });
});
after(async () => {
  await api.close();
  await db.drop();
});

const post = (body: string | object, signature?: string | null) => {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signature !== null)
    headers['x-hub-signature-256'] = signature ?? signMetaPayload(APP_SECRET, raw);
  return api.request('POST', '/webhooks/whatsapp', { rawBody: raw, headers });
};
const inbound = () => db.owner('inbound_messages').where({ agency_id: agency.agencyId });

describe('verification handshake (GET)', () => {
  test("Meta's sample request gets the challenge back as plain text", async () => {
    const sample = JSON.parse(
      readFileSync(
        path.resolve(
          __dirname,
          '../../../shared/fixtures/whatsapp/get_verification__meta_docs.json',
        ),
        'utf8',
      ),
    );
    const query = new URLSearchParams(
      sample.query ?? {
        'hub.mode': 'subscribe',
        'hub.challenge': '1158201444',
        'hub.verify_token': VERIFY_TOKEN,
      },
    );
    const res = await api.request('GET', `/webhooks/whatsapp?${query.toString()}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8');
    assert.equal(String(res.body), query.get('hub.challenge'));
  });

  test('a wrong verify token is 403', async () => {
    const res = await api.request(
      'GET',
      '/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=42&hub.verify_token=wrong',
    );
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, 'verification_failed');
  });
});

describe('signatures and bad input', () => {
  test('a missing signature is 401 and nothing is stored', async () => {
    const { payload } = messageFrom('inbound_text__pywa', {
      phoneNumberId: agency.phoneNumberId,
      from: agency.agentPhone,
    });
    const res = await post(payload, null);
    assert.equal(res.status, 401);
    assert.equal(res.body.error.code, 'missing_signature');
    assert.equal((await inbound()).length, 0);
  });

  test('a wrong signature, or a body changed after signing, is 401', async () => {
    const { payload } = messageFrom('inbound_text__pywa', {
      phoneNumberId: agency.phoneNumberId,
      from: agency.agentPhone,
    });
    const raw = JSON.stringify(payload);
    const wrongSecret = await post(raw, signMetaPayload('another-secret', raw));
    assert.equal(wrongSecret.status, 401);
    assert.equal(wrongSecret.body.error.code, 'invalid_signature');
    const tampered = await post(
      raw.replace('972987654321', '972987654322'),
      signMetaPayload(APP_SECRET, raw),
    );
    assert.equal(tampered.status, 401);
    // Re-serialising a parsed body changes the bytes: the signature is over the raw bytes.
    const reformatted = await post(
      JSON.stringify(payload, null, 2),
      signMetaPayload(APP_SECRET, raw),
    );
    assert.equal(reformatted.status, 401);
    assert.equal((await inbound()).length, 0);
  });

  test('signed but malformed JSON is 400; a signed non-WhatsApp payload is 422', async () => {
    const malformed = await post('{"object": "whatsapp_business_account", "entry": [');
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.error.code, 'malformed_json');
    const other = await post({ object: 'page', entry: [] });
    assert.equal(other.status, 422);
    assert.equal(other.body.error.code, 'unsupported_payload');
  });
});

describe('storing what arrives', () => {
  test('every message in a payload is committed with its raw JSON, then answered 200', async () => {
    const res = await post(fixture('inbound_image_no_caption__pywa'));
    assert.equal(res.status, 200);
    const rows = await inbound().where({ provider_message_id: 'wamid.xyzxyz' });
    assert.equal(rows.length, 1);
    assert.equal(rows[0].kind, 'image');
    assert.equal(rows[0].from_phone, '972987654321');
    assert.equal(rows[0].payload.image.id, '65463453');
    // Temporal is unreachable in this file: the row waits for the reconciler.
    assert.equal(rows[0].state, 'pending');
  });

  test("Meta's re-delivery of the same message is a no-op", async () => {
    const { payload, id } = messageFrom('inbound_text__pywa', {
      phoneNumberId: agency.phoneNumberId,
      from: agency.agentPhone,
    });
    assert.equal((await post(payload)).status, 200);
    const again = await post(payload);
    assert.equal(again.status, 200);
    assert.equal(again.body.duplicates, 1);
    assert.equal((await inbound().where({ provider_message_id: id })).length, 1);
  });

  test('an unknown phone_number_id is 200, recorded as unrouted, and processed nowhere', async () => {
    const payload = fixture('inbound_text__meta_dashboard_sample');
    const before = (await db.owner('inbound_messages')).length;
    const res = await post(payload);
    assert.equal(res.status, 200);
    assert.equal(res.body.unrouted, 1);
    const unrouted = await db.owner('unrouted_webhooks').where({ routing_key: '123456123' });
    assert.equal(unrouted.length, 1);
    assert.equal(unrouted[0].payload.messages[0].text.body, 'this is a text message');
    assert.equal((await db.owner('inbound_messages')).length, before);
  });

  test('a database failure answers 5xx so Meta retries', async () => {
    const broken = await startTestApi(db, {
      WHATSAPP_APP_SECRET: APP_SECRET,
      TEMPORAL_ADDRESS: '127.0.0.1:1',
      DATABASE_URL: db.appUrl.replace(db.name, 'no_such_database'),
    });
    try {
      const raw = JSON.stringify(
        messageFrom('inbound_text__pywa', {
          phoneNumberId: agency.phoneNumberId,
          from: agency.agentPhone,
        }).payload,
      );
      const res = await broken.request('POST', '/webhooks/whatsapp', {
        rawBody: raw,
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signMetaPayload(APP_SECRET, raw),
        },
      });
      assert.equal(res.status, 500);
    } finally {
      await broken.close();
    }
  });
});

describe('delivery statuses', () => {
  test('statuses move forward only, whatever order they arrive in', async () => {
    const [row] = await db
      .owner('outbound_messages')
      .insert({
        agency_id: agency.agencyId,
        to_phone: agency.agentPhone,
        kind: 'received',
        idempotency_key: 'k1',
        provider_message_id: 'wamid.out1',
        status: 'accepted',
      })
      .returning('id');
    const status = async (name: string) => {
      assert.equal(
        (
          await post(
            statusFrom(name, { phoneNumberId: agency.phoneNumberId, messageId: 'wamid.out1' }),
          )
        ).status,
        200,
      );
      return (await db.owner('outbound_messages').where({ id: row.id }).first()).status;
    };
    assert.equal(await status('status_sent__pywa'), 'sent');
    // "delivered" skipped: read arrives first.
    assert.equal(await status('status_read__pywa'), 'read');
    assert.equal(
      await status('status_delivered__pywa'),
      'read',
      'a late delivered does not undo read',
    );
    assert.equal(await status('status_sent__pywa'), 'read');
    assert.equal(await status('status_failed__pywa'), 'read', 'a late failure does not undo read');
  });

  test('a failure after sent is recorded with its reason', async () => {
    const [row] = await db
      .owner('outbound_messages')
      .insert({
        agency_id: agency.agencyId,
        to_phone: agency.agentPhone,
        kind: 'received',
        idempotency_key: 'k2',
        provider_message_id: 'wamid.out2',
        status: 'sent',
      })
      .returning('id');
    await post(
      statusFrom('status_failed__pywa', {
        phoneNumberId: agency.phoneNumberId,
        messageId: 'wamid.out2',
      }),
    );
    const after = await db.owner('outbound_messages').where({ id: row.id }).first();
    assert.equal(after.status, 'failed');
    assert.equal(after.error, "User's number is part of an experiment");
  });
});
