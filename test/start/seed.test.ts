import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { createSecretBox } from '../../lib/crypto/secretBox';
import { DEMO, realWhatsAppFromEnv, seedDemo } from '../../scripts/start/seed';

/** The demo agency on a real WhatsApp number: what `npm start` seeds from the environment. */

let db: TestDatabase;
const secrets = createSecretBox(randomBytes(32).toString('base64'));
before(async () => {
  db = await createTestDatabase();
});
after(() => db.drop());

test('the real number takes the stand-in channel, and the person writing to it is an agent', async () => {
  await seedDemo(db.app, { ownerPassword: 'demo password 1', secrets });
  const agency = await db.owner('agencies').where({ slug: DEMO.agencySlug }).first();
  const real = realWhatsAppFromEnv({
    WHATSAPP_PHONE_NUMBER_ID: '109876543210987',
    WHATSAPP_ACCESS_TOKEN: 'EAAG-real-token',
    WHATSAPP_DISPLAY_PHONE_NUMBER: '+34 910 00 00 00',
    DEMO_AGENT_PHONE: '+44 (0)7700 900123',
  });
  await seedDemo(db.app, { ownerPassword: 'demo password 1', secrets, realWhatsApp: real });

  const channels = await db.owner('whatsapp_channels').where({ agency_id: agency.id });
  assert.deepEqual(
    channels.map((c) => [c.phone_number_id, c.display_phone_number]),
    [['109876543210987', '34910000000']],
    'one number on Starter: the real one',
  );
  assert.equal(secrets.open(channels[0].access_token_encrypted), 'EAAG-real-token');
  const agents = await db
    .owner('users')
    .where({ agency_id: agency.id, role: 'agent' })
    .orderBy('whatsapp_phone');
  assert.deepEqual(
    agents.map((a) => a.whatsapp_phone),
    [DEMO.agentPhone, '447700900123'],
  );

  // A rotated token is taken on the next start.
  await seedDemo(db.app, {
    ownerPassword: 'demo password 1',
    secrets,
    realWhatsApp: { ...real!, accessToken: 'EAAG-rotated' },
  });
  const [after] = await db.owner('whatsapp_channels').where({ agency_id: agency.id });
  assert.equal(secrets.open(after.access_token_encrypted), 'EAAG-rotated');
});

test('half a configuration is refused, not guessed', () => {
  assert.throws(() => realWhatsAppFromEnv({ WHATSAPP_PHONE_NUMBER_ID: '1' }), /both/);
  assert.equal(realWhatsAppFromEnv({}), undefined);
});
