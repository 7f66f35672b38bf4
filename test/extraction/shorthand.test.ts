import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractListing } from '../../lib/ai/extraction';
import { expectField, expectInferred, featureKeys } from './expect';

describe('shorthand, units and currency by market', () => {
  it('converts square yards to square feet and reads lakh as rupees in an Indian place', () => {
    const text = 'Villa plot 300 sq yd in Gurgaon, 4 bedrooms, 65 lakh';
    const e = extractListing(text);
    assert.equal(e.fields.LotSizeArea?.value ?? e.fields.LivingArea?.value, 2700);
    expectField(text, e, 'ListPrice', 6_500_000, '65 lakh');
    expectInferred(text, e, 'Currency', 'INR', 'Gurgaon');
  });

  it('reads "sft", "qtos", "rec", "2½ bath" and "+ lavabo"', () => {
    assert.equal(extractListing('2bhk 980 sft').fields.LivingArea?.value, 980);
    assert.equal(extractListing('apto 3 qtos 70m2').fields.BedroomsTotal?.value, 3);
    assert.equal(extractListing('casa 4 rec 2 baños').fields.BedroomsTotal?.value, 4);
    const half = extractListing('3 bed 2½ bath townhome');
    assert.equal(half.fields.BathroomsTotalInteger?.value, 3);
    assert.equal(half.fields.BathroomsHalf?.value, 1);
    const lavabo = extractListing('Casa 4 dorms, 2 banheiros + lavabo');
    assert.equal(lavabo.fields.BathroomsTotalInteger?.value, 3);
    assert.equal(lavabo.fields.BathroomsHalf?.value, 1);
  });

  it('reads a British "loo" or "cloakroom" as a half bath', () => {
    const named = extractListing('Semi in Leeds, 3 bed, 1 bathroom and a downstairs loo, £240k');
    assert.equal(named.fields.BathroomsTotalInteger?.value, 2);
    assert.equal(named.fields.BathroomsHalf?.value, 1);
    const counted = extractListing('Mews house, 2 bed, 2 bath, 1 loo, garage');
    assert.equal(counted.fields.BathroomsHalf?.value, 1);
    assert.equal(counted.fields.BedroomsTotal?.value, 2);
  });

  it('reads a Canadian "1+den" as one bedroom: the den is not a bedroom', () => {
    const text = 'Liberty Village condo, 1+den, 1 bath, 610 sq ft, $2,350/mo';
    expectField(text, extractListing(text), 'BedroomsTotal', 1, '1+den');
    const spaced = extractListing('Corner suite 2 + den, 2 bath, locker incl, $889,000');
    assert.equal(spaced.fields.BedroomsTotal?.value, 2);
    assert.equal(spaced.fields.BathroomsTotalInteger?.value, 2);
  });

  it('sums bathrooms named one by one when no count is written', () => {
    const e = extractListing('Bathrooms: master bath, guest bath. 2 bedrooms, $310,000');
    assert.equal(e.fields.BathroomsTotalInteger?.value, 2);
  });

  it('reads "$" as the agency market currency and the naira "N" only where the market is Nigerian', () => {
    const aud = extractListing('Manly 1br, $690 pw', { defaultCurrency: 'AUD' });
    assert.equal(aud.fields.Currency?.value, 'AUD');
    const ngn = extractListing('Ikoyi 3 bedroom flat N12m per annum');
    assert.equal(ngn.fields.ListPrice?.value, 12_000_000);
    assert.equal(ngn.fields.Currency?.value, 'NGN');
    const nowhere = extractListing('Flat 3 bedrooms N12m');
    assert.equal(nowhere.fields.Currency, undefined, 'an N with no market is not guessed');
  });

  it('puts views and a corner position in the features', () => {
    assert.deepEqual(featureKeys(extractListing('2 bed condo, harbour view, corner unit')), [
      'sea_view',
      'corner_unit',
    ]);
    assert.deepEqual(featureKeys(extractListing('Apartamento T2, vista rio')), ['river_view']);
    assert.deepEqual(featureKeys(extractListing('شقة إطلالة على النيل')), ['river_view']);
    // A street corner in an address is not the unit's position.
    assert.deepEqual(featureKeys(extractListing('Local en la esquina de Reforma y Sevilla')), []);
  });
});
