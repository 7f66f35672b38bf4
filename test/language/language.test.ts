import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedAgency } from '../support/agency';
import { testActivityDeps } from '../support/worker';
import { inboundMessage } from '../drafting/submission';
import { createSecretBox } from '../../lib/crypto/secretBox';
import { createActivities } from '../../activities';
import { detectLanguage } from '../../lib/ai/extraction/language';

describe('detectLanguage', () => {
  test('the four drafted languages, each reliably', () => {
    const cases = [
      ['Bright 2 bedroom apartment for sale in Lisbon, 85 m2, 2 bathrooms', 'en'],
      ['Hermoso apartamento con vista, cocina abierta y dos baños', 'es'],
      ['Lindo apartamento com vista, cozinha e dois banheiros', 'pt'],
      ['T3 à venda em Lisboa, 2 casas de banho, varanda', 'pt'],
      // Spanish that scores Portuguese a close second, as most Spanish listings do.
      [
        'Apartamento en venta. Ubicado en Rosales, Chapinero. Tercer piso con vista panorámica y excelente iluminación',
        'es',
      ],
      ['شقة للإيجار مع مطبخ', 'ar'],
    ] as const;
    for (const [text, language] of cases) {
      const got = detectLanguage(text, 'en');
      assert.equal(got.language, language, text);
      assert.equal(got.unsupported, undefined, text);
      assert.ok(got.confidence > 0.5, `${text}: ${got.confidence}`);
    }
  });

  test('French is French and German is German: unsupported, drafted in the hint', () => {
    const french = detectLanguage(
      'Appartement de 3 chambres à vendre à Lyon, 85 m2, balcon et parking, 420 000 €',
      'es',
    );
    assert.equal(french.unsupported, 'fr');
    assert.equal(french.language, 'es', "the agency's language");
    const german = detectLanguage(
      'Schöne 3-Zimmer-Wohnung in Berlin zu verkaufen, 85 m², Balkon, Garage, 420.000 EUR',
    );
    assert.equal(german.unsupported, 'de');
    assert.equal(german.language, 'en', 'English without a hint');
    assert.equal(
      detectLanguage('Appartamento in vendita a Roma, tre camere, due bagni', 'pt').unsupported,
      'it',
    );
  });

  test('too little text to tell is the hint at low confidence', () => {
    assert.deepEqual(detectLanguage('3 hab, 2 wc', 'es'), { language: 'es', confidence: 0.3 });
    assert.deepEqual(detectLanguage('85 m2', 'pt'), { language: 'pt', confidence: 0.3 });
    // Its trigrams score Turkish highest: too short to claim a language it is not drafted in,
    // but "baño" is a word only Spanish uses, whatever the agency's language.
    assert.deepEqual(detectLanguage('Piso en alquiler, 2 hab, 1 baño, 900 €/mes', 'pt'), {
      language: 'es',
      confidence: 0.5,
    });
    assert.equal(detectLanguage('Casa 4 dorms, 2 banheiros + lavabo', 'en').language, 'pt');
    assert.equal(detectLanguage('غرفتين').language, 'ar', 'Arabic script, even one word');
    // franc scores this Saudi listing Pashto first; Arabic is close behind.
    assert.equal(
      detectLanguage(
        'ايجار دور ارضي نظيف مجلس ومقلط وصاله ومطبخ وثلاث غرف نوم وغرفة شغاله ومدخل سياره',
      ).language,
      'ar',
    );
  });
});

describe('a listing in an unsupported language', () => {
  let db: TestDatabase;
  const secrets = createSecretBox(Buffer.alloc(32, 7).toString('base64'));
  let acts: ReturnType<typeof createActivities>;
  before(async () => {
    db = await createTestDatabase();
    acts = createActivities(testActivityDeps(db.app, secrets, 'http://127.0.0.1:1'));
  });
  after(() => db.drop());

  test("is drafted in the agency's language and flagged on the listing, once", async () => {
    const agency = await seedAgency(db, secrets, { accessToken: 't', language: 'es' });
    const listingId = randomUUID();
    await db.owner('listings').insert({
      id: listingId,
      agency_id: agency.agencyId,
      agent_user_id: agency.agentId,
      status: 'drafting',
    });
    await inboundMessage(db, agency, {
      text: 'Appartement lumineux de 3 chambres à vendre à Lyon, avec balcon et parking',
      listingId,
    });
    const env = new MockActivityEnvironment();
    const input = { agencyId: agency.agencyId, listingId, correctionIds: [] };
    const normalize = () =>
      env.run<[typeof input], { language: string }, typeof acts.normalizeSubmission>(
        acts.normalizeSubmission,
        input,
      );
    const result = await normalize();
    await normalize();
    assert.equal(result.language, 'es');
    const row = await db.owner('listings').where({ id: listingId }).first();
    assert.equal(row.language, 'es');
    assert.deepEqual(row.extras.language, { unsupported: 'fr', draftedIn: 'es' });
    const notes = await db
      .owner('audit_log')
      .where({ target_id: listingId, action: 'listing.language_unsupported' });
    assert.equal(notes.length, 1);
    assert.match(notes[0].data.reason, /written in French.*drafted in Spanish/);
  });
});
