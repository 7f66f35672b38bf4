import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractListing } from '../../lib/ai/extraction';
import { expectField } from './expect';

/** Marks a currency shares with a letter or another currency, read only where they are meant. */
describe('local currency marks', () => {
  it('reads a plain "R" before the figure as the rand for a South African agency', () => {
    const text = 'Family home for sale in Randburg\n4 bedrooms, 3 bathrooms\nR3.1m';
    const e = extractListing(text, { defaultCurrency: 'ZAR' });
    expectField(text, e, 'ListPrice', 3_100_000, 'R3.1m');
    assert.equal(e.fields.Currency?.value, 'ZAR');
  });

  it('reads the rand of a rent from a Cape Town listing with no agency currency', () => {
    const text = 'Cape Town studio to rent\nR9,800 pm, water included';
    const e = extractListing(text);
    expectField(text, e, 'ListPrice', 9_800, 'R9,800');
    assert.equal(e.fields.Currency?.value, 'ZAR');
  });

  it('leaves a plain "R" alone elsewhere: no price from "R2" zoning in a US listing', () => {
    const text = 'Lot for sale, zoned R2, 0.4 acre';
    const e = extractListing(text, { defaultCurrency: 'USD' });
    assert.equal(e.fields.ListPrice, undefined);
  });
});

describe('a corrected currency', () => {
  it('takes the code at the corrected figure when the line names another code too', () => {
    const text =
      'Penthouse for sale, JLT\nUSD 900K\ncorrection, AED 3.3M, the USD one was for a foreign client';
    const e = extractListing(text, { defaultCurrency: 'AED' });
    expectField(text, e, 'ListPrice', 3_300_000, 'AED 3.3M');
    expectField(text, e, 'Currency', 'AED', 'AED', text.indexOf('correction'));
  });
});

describe('a rent period after the currency code', () => {
  it('reads "$2,300 USD al mes" as a monthly rent', () => {
    const text = 'Casa en Playa del Carmen, 3 rec\n$2,300 USD al mes';
    const e = extractListing(text, { defaultCurrency: 'MXN' });
    expectField(text, e, 'ListPrice', 2_300, '$2,300');
    assert.equal(e.fields.ListingType?.value, 'rent');
    assert.equal(e.fields.RentPeriod?.value, 'monthly');
  });
});
