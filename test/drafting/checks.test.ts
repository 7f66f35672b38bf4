import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkFairHousing,
  checkGrounding,
  checkPlatformLimits,
  runChecks,
  xLength,
  type CheckTarget,
} from '../../lib/ai/checks';
import {
  FAIR_HOUSING_CATALOGUE_VERSION,
  FAIR_HOUSING_RULES,
} from '../../lib/ai/checks/fairHousingCatalogue';
import type { Listing } from '../../lib/domain/listing';

const listing: Listing = {
  ListPrice: 450000,
  Currency: 'EUR',
  ListingType: 'sale',
  PropertySubType: 'Apartment',
  BedroomsTotal: 3,
  BathroomsTotalInteger: 2,
  LivingArea: 120,
  LivingAreaUnits: 'sqm',
  City: 'Marbella',
  UnparsedAddress: 'Calle Real 12',
  Features: ['pool', 'parking'],
};

const long = (content: string, language: CheckTarget['language'] = 'en'): CheckTarget => ({
  kind: 'description_long',
  platform: null,
  language,
  content,
});

describe('grounding', () => {
  test('numbers, prices, areas, counts and features of the listing pass', () => {
    const flags = checkGrounding(
      long(
        '3-bedroom apartment for sale in Marbella: 2 bathrooms, 120 m², pool and parking. Price: €450,000. Calle Real 12. Also €450k.',
      ),
      listing,
    );
    assert.deepEqual(flags, []);
  });

  test('an invented number is flagged with its span', () => {
    const content = 'Lovely apartment, only 5 minutes from the beach. €450,000.';
    const [flag, ...rest] = checkGrounding(long(content), listing);
    assert.equal(rest.length, 0);
    assert.equal(flag?.rule, 'grounding.number');
    assert.equal(flag?.severity, 'blocking');
    assert.deepEqual(flag?.span, { start: 23, end: 24, text: '5' });
    assert.equal(content.slice(flag.span.start, flag.span.end), '5');
    assert.equal(flag?.id, 'grounding.number@23');
  });

  test('a true number in the wrong place is flagged by reading the copy back', () => {
    // "3" is the listing's bedroom count, so only the read-back catches the bathrooms.
    const flags = checkGrounding(long('Apartment with 3 bathrooms. €450,000.'), listing);
    assert.deepEqual(
      flags.map((f) => [f.rule, f.span?.text]),
      [['grounding.bathrooms', '3 bathrooms']],
    );
  });

  test('a wrong price, an invented feature and Arabic-Indic digits are flagged', () => {
    const flags = checkGrounding(long('شقة مع مسبح وجيم، السعر ٤٦٠٬٠٠٠ يورو', 'ar'), listing);
    const rules = flags.map((f) => `${f.rule}:${f.span?.text}`);
    assert.ok(rules.includes('grounding.number:٤٦٠٬٠٠٠'), rules.join());
    assert.ok(rules.includes('grounding.feature:وجيم'), rules.join()); // with its "and" clitic
    assert.ok(!rules.some((r) => r.includes('مسبح')), 'the pool is the listing’s');
  });

  test('the link placeholder, units glued to digits ("m2") and hashtags are not numbers', () => {
    assert.deepEqual(checkGrounding(long('120 m2 #Marbella {{link}} 3 bedrooms'), listing), []);
  });
});

describe('fair housing', () => {
  test('the catalogue is versioned and each flag names its rule, class and reason', () => {
    const [flag] = checkFairHousing(long('Perfect for young couples, close to the beach.'));
    assert.equal(flag?.rule, 'fh.familial.couples');
    assert.equal(flag?.severity, 'blocking');
    assert.equal(flag?.version, FAIR_HOUSING_CATALOGUE_VERSION);
    assert.deepEqual(flag?.span, { start: 0, end: 25, text: 'Perfect for young couples' });
    assert.match(flag?.reason ?? '', /familial status/);
    assert.equal(flag?.id, 'fh.familial.couples@0');
  });

  test('lawful phrases on the allow-list are not flagged', () => {
    assert.deepEqual(
      checkFairHousing(
        long(
          'Huge master bedroom, walk-in closet, family room, walking distance to shops. Bachelor apartment also available. Wheelchair accessible.',
        ),
      ),
      [],
    );
  });

  const cases: Array<[string, CheckTarget['language'], string, string]> = [
    ['No kids, adults only.', 'en', 'fh.familial.children', 'No kids'],
    ['Quiet Christian neighbourhood.', 'en', 'fh.religion', 'Christian neighbourhood'],
    ['Suits able-bodied tenants.', 'en', 'fh.disability', 'able-bodied'],
    ['No Section 8.', 'en', 'fh.income', 'No Section 8'],
    ['Bachelors only.', 'en', 'fh.marital.singles', 'Bachelors only'],
    ['Ideal para parejas jóvenes.', 'es', 'fh.familial.couples', 'Ideal para parejas jóvenes'],
    ['No se aceptan niños.', 'es', 'fh.familial.children', 'No se aceptan niños'],
    ['Barrio cristiano, muy tranquilo.', 'es', 'fh.religion', 'Barrio cristiano'],
    ['Ideal para casais jovens.', 'pt', 'fh.familial.couples', 'Ideal para casais jovens'],
    ['Não aceita crianças.', 'pt', 'fh.familial.children', 'Não aceita crianças'],
    ['شقة مثالية للأزواج الشباب', 'ar', 'fh.familial.couples', 'مثالية للأزواج الشباب'],
    ['ممنوع الأطفال', 'ar', 'fh.familial.children', 'ممنوع الأطفال'],
    ['للعائلات فقط', 'ar', 'fh.marital.singles', 'للعائلات فقط'],
    ['لا يؤجر للأجانب', 'ar', 'fh.national_origin', 'لا يؤجر للأجانب'],
  ];
  for (const [content, language, rule, text] of cases) {
    test(`${language}: "${content}" is flagged as ${rule}`, () => {
      const flags = checkFairHousing(long(content, language));
      assert.ok(
        flags.some((f) => f.rule === rule && f.span?.text === text),
        JSON.stringify(flags.map((f) => [f.rule, f.span?.text])),
      );
    });
  }

  test('a warning-level phrase does not block', () => {
    const flags = checkFairHousing(long('Perfect for students.'));
    assert.deepEqual(
      flags.map((f) => [f.rule, f.severity]),
      [['fh.age', 'warning']],
    );
  });

  // Nationalities come from the runtime's country names, not a list of the usual few.
  const generalised: Array<[string, CheckTarget['language'], string]> = [
    ['No Mongolians.', 'en', 'national_origin'],
    ['Kyrgyzstanis need not apply.', 'en', 'national_origin'],
    ['No one from Mauritania, please.', 'en', 'national_origin'],
    ['Prefer Vietnamese families.', 'en', 'national_origin'],
    ['Solo paraguayos.', 'es', 'national_origin'],
    ['No se alquila a personas de Marruecos.', 'es', 'national_origin'],
    ['Não alugamos para moçambicanos.', 'pt', 'national_origin'],
    ['للموريتانيين فقط', 'ar', 'national_origin'],
    ['ممنوع الجنسية الهندية', 'ar', 'national_origin'],
    ['No-kids policy, adults-only building.', 'en', 'familial_status'],
    ['No families with small children.', 'en', 'familial_status'],
    ['Not suitable for people in wheelchairs.', 'en', 'disability'],
    ['No mobility scooters or walkers.', 'en', 'disability'],
    ['No service animals.', 'en', 'disability'],
    ['No se aceptan personas con andador.', 'es', 'disability'],
    ['ممنوع الكراسي المتحركة', 'ar', 'disability'],
    ['Must be employed, no benefits.', 'en', 'source_of_income'],
    ['No DSS, no housing benefit.', 'en', 'source_of_income'],
    ['No aceptamos subsidios.', 'es', 'source_of_income'],
    ['Não aceitamos Bolsa Família.', 'pt', 'source_of_income'],
    ['لا نقبل الضمان الاجتماعي', 'ar', 'source_of_income'],
    ['Not renting to black applicants.', 'en', 'race_color'],
    ['Preferência por inquilinos brancos.', 'pt', 'race_color'],
    ['Christian household preferred.', 'en', 'religion'],
    ['يفضل مسلم', 'ar', 'religion'],
    ['No singles.', 'en', 'marital_status'],
    ['No se aceptan jubilados.', 'es', 'age'],
    ['No people of Middle Eastern descent.', 'en', 'national_origin'],
    ['No se aceptan personas de origen marroquí.', 'es', 'national_origin'],
    ['No HUD.', 'en', 'source_of_income'],
  ];
  for (const [content, language, protectedClass] of generalised) {
    test(`${language}: "${content}" blocks for ${protectedClass}`, () => {
      const flags = checkFairHousing(long(content, language));
      const classOf = new Map(FAIR_HOUSING_RULES.map((r) => [r.id, r.protectedClass]));
      assert.ok(
        flags.some((f) => f.severity === 'blocking' && classOf.get(f.rule) === protectedClass),
        JSON.stringify(flags.map((f) => [f.rule, f.severity, f.span?.text])),
      );
    });
  }

  // Words that name people also describe things, places and inclusive offers.
  const lawful: Array<[string, CheckTarget['language']]> = [
    ['No Chinese drywall, inspection report available.', 'en'],
    ["No children's toys in the common area.", 'en'],
    ['White oak floors, black granite, no carpet.', 'en'],
    ['French doors, Spanish tile, Italian marble.', 'en'],
    ['Ideal for families, near the elementary school.', 'en'],
    ['Perfect for family dinners.', 'en'],
    ['No pets except service animals.', 'en'],
    ['Wheelchair accessible, suitable for wheelchair users.', 'en'],
    ['Near the mosque and the Catholic church.', 'en'],
    ['Section 8 vouchers welcome.', 'en'],
    ['Senior housing community for residents 55 and older.', 'en'],
    ['Cocina americana, sin muebles blancos.', 'es'],
    ['Ideal para parejas o familias.', 'es'],
    ['Cozinha americana e piso preto.', 'pt'],
    ['واجهة جنوبية، السعر 50 ألف فقط', 'ar'],
    ['مدخل مناسب للكراسي المتحركة', 'ar'],
  ];
  for (const [content, language] of lawful) {
    test(`${language}: "${content}" is not flagged`, () => {
      assert.deepEqual(
        checkFairHousing(long(content, language)).map((f) => [f.rule, f.span?.text]),
        [],
      );
    });
  }
});

describe('platform limits', () => {
  const post = (platform: 'x' | 'instagram' | 'facebook' | 'linkedin', content: string) =>
    checkPlatformLimits({ kind: 'social', platform, language: 'en', content });

  test('X counts 280 weighted characters, a link as 23, emoji as 2', () => {
    assert.equal(xLength('a'.repeat(10)), 10);
    assert.equal(xLength('{{link}}'), 23);
    assert.equal(xLength('see https://example.com/a/very/long/path/that/is/long'), 4 + 23);
    assert.equal(xLength('🏡'), 2);
    assert.equal(xLength('شقة'), 3, 'Arabic weighs 1');
    assert.equal(xLength('東京'), 4, 'CJK weighs 2');
    assert.deepEqual(post('x', `${'a'.repeat(256)} {{link}}`), []);
    const [flag] = post('x', `${'a'.repeat(257)} {{link}}`);
    assert.equal(flag?.rule, 'x.length');
    assert.equal(flag?.severity, 'blocking');
    assert.match(flag?.message ?? '', /281 characters; X allows 280/);
  });

  test('Instagram: 2,200 characters and at most 30 hashtags', () => {
    const tags = (n: number) =>
      Array.from({ length: n }, (_, i) => `#tag${String.fromCharCode(97 + (i % 26))}`).join(' ');
    assert.deepEqual(post('instagram', `Nice flat {{link}} ${tags(30)}`), []);
    assert.deepEqual(
      post('instagram', `Nice flat {{link}} ${tags(31)}`).map((f) => f.rule),
      ['instagram.hashtags'],
    );
    assert.deepEqual(
      post('instagram', `${'a'.repeat(2101)} {{link}}`).map((f) => f.rule),
      ['instagram.length'],
    );
  });

  test('LinkedIn 3,000 characters; Facebook 63,206', () => {
    assert.deepEqual(post('linkedin', `${'a'.repeat(2899)} {{link}}`), []);
    assert.deepEqual(
      post('linkedin', `${'a'.repeat(2901)} {{link}}`).map((f) => f.rule),
      ['linkedin.length'],
    );
    assert.deepEqual(post('facebook', `${'a'.repeat(60_000)} {{link}}`), []);
  });

  test('a post without the link placeholder is a warning; a stray placeholder blocks', () => {
    assert.deepEqual(
      post('facebook', 'Nice flat').map((f) => [f.rule, f.severity]),
      [['link.missing', 'warning']],
    );
    assert.deepEqual(
      post('facebook', 'Nice flat {{link}} {{price}}').map((f) => [f.rule, f.severity]),
      [['text.placeholder', 'blocking']],
    );
  });
});

test('runChecks: the worst severity decides the status', () => {
  assert.equal(runChecks(long('Apartment for sale in Marbella.'), listing).status, 'pass');
  assert.equal(runChecks(long('Perfect for students.'), listing).status, 'warning');
  const blocked = runChecks(long('Perfect for young couples, 5 minutes to the beach.'), listing);
  assert.equal(blocked.status, 'blocking');
  assert.deepEqual(blocked.flags.map((f) => f.check).sort(), ['fair_housing', 'grounding']);
});
