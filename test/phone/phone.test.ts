import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { signUp, startTestApi, type TestApi } from '../support/api';
import { countryOfNumber, toWhatsAppNumber } from '../../lib/phone';

/**
 * Agents' numbers as people type them become the number WhatsApp sends as `from` (E.164
 * digits), which is what routes an inbound message to its agent.
 */

describe('toWhatsAppNumber', () => {
  test('international forms, with or without the agency country', () => {
    assert.equal(toWhatsAppNumber('+44 (0)7700 900123'), '447700900123');
    assert.equal(toWhatsAppNumber('+44 (0)7700 900123', 'ES'), '447700900123');
    assert.equal(toWhatsAppNumber('0034 600 123 456'), '34600123456');
    assert.equal(toWhatsAppNumber('0034 600 123 456', 'ES'), '34600123456');
    assert.equal(toWhatsAppNumber('0034 600 123 456', 'US'), '34600123456', "not the US's 011");
    assert.equal(toWhatsAppNumber('+1 (555) 000-1111'), '15550001111');
    assert.equal(toWhatsAppNumber('34600123456'), '34600123456', 'digits as WhatsApp shows them');
  });

  test("national forms are read in the agency's country", () => {
    assert.equal(toWhatsAppNumber('07700 900123', 'GB'), '447700900123');
    assert.equal(toWhatsAppNumber('600 12 34 56', 'ES'), '34600123456');
    assert.equal(toWhatsAppNumber('(11) 91234-5678', 'BR'), '5511912345678');
  });

  test('what is no phone number is null', () => {
    assert.equal(toWhatsAppNumber('call me'), null);
    assert.equal(toWhatsAppNumber('123'), null);
    assert.equal(toWhatsAppNumber('+44 12'), null);
    assert.equal(toWhatsAppNumber(''), null);
  });

  test('the country of a WhatsApp business number', () => {
    assert.equal(countryOfNumber('447700900123'), 'GB');
    assert.equal(countryOfNumber('34600123456'), 'ES');
  });
});

describe('invitations and edits store the WhatsApp form', () => {
  let db: TestDatabase;
  let api: TestApi;
  before(async () => {
    db = await createTestDatabase();
    api = await startTestApi(db);
  });
  after(async () => {
    await api.close();
    await db.drop();
  });

  const invite = (token: string, whatsappPhone: string) =>
    api.request('POST', '/v1/users/invitations', {
      token,
      body: { name: 'Agent', role: 'agent', whatsappPhone },
    });

  test("a British agency's agent, typed three ways, is one WhatsApp number", async () => {
    const owner = await signUp(api, 'London Lets');
    await db.owner('agencies').where({ id: owner.agencyId }).update({ country: 'GB' });
    const first = await invite(owner.token, '+44 (0)7700 900123');
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(first.body.user.whatsappPhone, '447700900123');
    const stored = await db.owner('users').where({ id: first.body.user.id }).first();
    assert.equal(stored.whatsapp_phone, '447700900123');

    // The same person again, in national form: the unique number says so.
    const again = await invite(owner.token, '07700 900123');
    assert.equal(again.status, 409);

    const spanish = await invite(owner.token, '0034 600 123 456');
    assert.equal(spanish.status, 201);
    assert.equal(spanish.body.user.whatsappPhone, '34600123456');

    const patched = await api.request('PATCH', `/v1/users/${spanish.body.user.id}`, {
      token: owner.token,
      body: { whatsappPhone: '07700 900124' },
    });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal(patched.body.whatsappPhone, '447700900124');
  });

  test('without a country of its own, the WhatsApp business number gives it', async () => {
    const owner = await signUp(api, 'Madrid Pisos');
    await db.owner('whatsapp_channels').insert({
      agency_id: owner.agencyId,
      phone_number_id: `pn-${owner.agencyId.slice(0, 8)}`,
      display_phone_number: '34910000000',
      access_token_encrypted: api.deps.secrets.seal('t'),
    });
    const res = await invite(owner.token, '612 34 56 78');
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.user.whatsappPhone, '34612345678');
  });

  test('a number that cannot be one is 422 on its field', async () => {
    const owner = await signUp(api, 'Nowhere Homes');
    for (const typed of ['call me', '+44 12']) {
      const res = await invite(owner.token, typed);
      assert.equal(res.status, 422);
      assert.equal(res.body.error.code, 'validation_failed');
      assert.ok(res.body.error.fields['/whatsappPhone'], JSON.stringify(res.body));
    }
  });
});
