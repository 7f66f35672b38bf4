import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractListing } from '../../lib/ai/extraction';
import { featureKeys } from './expect';

/** Sale or rent from the words, whatever the price's size, and regional feature words. */
const dealOf = (text: string, defaultCurrency?: string) =>
  extractListing(text, defaultCurrency ? { defaultCurrency } : {}).fields.ListingType?.value;

describe('regional deal cues', () => {
  it('a cheap plot with its deeds in order is a sale', () => {
    const text = 'Terreno de 200 m2 en Tulum\n$650 mil\nescrituras en regla';
    assert.equal(dealOf(text, 'MXN'), 'sale');
  });

  it('off the plan ("na planta") and instalments ("بالتقسيط") are a purchase', () => {
    assert.equal(dealOf('Apartamento na planta em Fortaleza\nvalor R$ 480.000', 'BRL'), 'sale');
    assert.equal(dealOf('شقة في أكتوبر ٩٠٠ ألف جنيه بالتقسيط', 'EGP'), 'sale');
  });

  it('French "à vendre" and "à louer", as Moroccan agents write them', () => {
    assert.equal(dealOf('Villa à vendre à Tanger\n4,5 millions DH', 'MAD'), 'sale');
    assert.equal(dealOf('Appartement à louer, Maarif\n8000 DH', 'MAD'), 'rent');
  });
});

describe('regional feature words', () => {
  it('"2 car" in an Australian listing is parking; "+ maid" in the Gulf a maid\'s room', () => {
    assert.ok(featureKeys(extractListing('4 bed 2 bath 2 car, pool')).includes('parking'));
    const gulf = extractListing('Villa for rent\nAED 320k / year\n4 bed + maid, private pool');
    assert.deepEqual(featureKeys(gulf).sort(), ['maid_room', 'pool']);
  });

  it('"piscine" is a pool', () => {
    assert.ok(featureKeys(extractListing('Villa à vendre, 4 chambres, piscine')).includes('pool'));
  });
});
