import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { composeCopy } from '../../lib/ai/local/copy/compose';
import { piecesOf } from '../../lib/ai/copy';
import { runChecks, xLength } from '../../lib/ai/checks';
import { countHashtags } from '../../lib/ai/checks/platformLimits';
import { LANGUAGES, type Listing } from '../../lib/domain/listing';

/** The local provider's template copy: every language, every platform, checks clean. */

const LISTINGS: Record<string, Listing> = {
  sale: {
    ListPrice: 450000,
    Currency: 'EUR',
    ListingType: 'sale',
    PropertyType: 'Residential',
    PropertySubType: 'Apartment',
    BedroomsTotal: 3,
    BathroomsTotalInteger: 3,
    BathroomsHalf: 1,
    LivingArea: 120,
    LivingAreaUnits: 'sqm',
    City: 'Marbella',
    UnparsedAddress: 'Calle Real 12',
    Features: ['pool', 'parking', 'elevator', 'air_conditioning'],
    ParkingTotal: 2,
    YearBuilt: 1998,
    Furnished: true,
    PetsAllowed: true,
  },
  rent: {
    ListPrice: 65000,
    Currency: 'KES',
    ListingType: 'rent',
    RentPeriod: 'monthly',
    BedroomsTotal: 2,
    BathroomsTotalInteger: 1,
    LivingArea: 1100,
    LivingAreaUnits: 'sqft',
    City: 'Nairobi',
  },
  land: {
    ListingType: 'sale',
    PropertyType: 'Land',
    PropertySubType: 'Unimproved Land',
    LotSizeArea: 2.5,
    LotSizeUnits: 'acres',
    City: 'Cascais',
  },
  views: {
    ListPrice: 621000,
    Currency: 'USD',
    ListingType: 'sale',
    PropertySubType: 'Condominium',
    BedroomsTotal: 2,
    City: 'Miami',
    Features: ['river_view', 'sea_view', 'corner_unit'],
  },
  sparse: {},
};

test('views and a corner position stated in the text reach the copy, in every language', () => {
  const words = {
    en: ['river view', 'sea view', 'corner unit'],
    es: ['vista al río', 'vista al mar', 'esquinero'],
    pt: ['vista para o rio', 'vista para o mar', 'de esquina'],
    ar: ['إطلالة على النهر', 'إطلالة على البحر', 'موقع زاوية'],
  } as const;
  for (const language of LANGUAGES) {
    const long = piecesOf(composeCopy(LISTINGS.views!, language), { primary: true }).find(
      (p) => p.kind === 'description_long',
    );
    for (const w of words[language]) assert.ok(long?.content.includes(w), `${language}: ${w}`);
  }
});

describe('template copy passes its own checks', () => {
  for (const [name, listing] of Object.entries(LISTINGS)) {
    for (const language of LANGUAGES) {
      test(`${name} listing in ${language}`, () => {
        for (const piece of piecesOf(composeCopy(listing, language), { primary: true })) {
          const { flags } = runChecks({ ...piece, language }, listing);
          assert.deepEqual(flags, [], `${piece.kind} ${piece.platform ?? ''}:\n${piece.content}`);
          if (piece.kind === 'social') {
            assert.equal(piece.content.split('{{link}}').length, 2, 'the link placeholder, once');
          }
          if (piece.platform === 'x') assert.ok(xLength(piece.content) <= 280);
          if (piece.platform === 'instagram') assert.ok(countHashtags(piece.content) <= 30);
        }
      });
    }
  }
});

test('the copy states the facts in the listing’s language', () => {
  const en = composeCopy(LISTINGS.sale!, 'en');
  assert.equal(en.title, '3-bedroom apartment for sale in Marbella');
  assert.match(en.long, /2 bathrooms, 1 half bath and 120 m²/);
  assert.match(en.long, /Price: €450,000\./);
  assert.match(en.long, /Built in 1998\./);
  assert.ok(!en.long.includes('Calle Real'), 'the street address stays out of public copy');
  const es = composeCopy(LISTINGS.sale!, 'es');
  assert.equal(es.title, 'Apartamento de 3 habitaciones en venta en Marbella');
  assert.match(es.long, /Precio: 450\.000\s€\./);
  const pt = composeCopy(LISTINGS.rent!, 'pt');
  assert.equal(pt.title, 'Imóvel com 2 quartos para alugar em Nairobi');
  assert.match(pt.long, /por mês/);
  const ar = composeCopy(LISTINGS.rent!, 'ar');
  assert.equal(ar.title, 'عقار للإيجار في Nairobi - غرفتا نوم');
  assert.match(ar.long, /شهريًا/);
  const sparse = composeCopy({}, 'en');
  assert.equal(sparse.title, 'Property');
  assert.match(sparse.long, /Price on request\./);
});

test('a second language gets the descriptions only', () => {
  const pieces = piecesOf(composeCopy(LISTINGS.sale!, 'es'), { primary: false });
  assert.deepEqual(
    pieces.map((p) => p.kind),
    ['description_short', 'description_long'],
  );
});
