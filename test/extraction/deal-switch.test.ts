import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractListing } from '../../lib/ai/extraction';
import { expectField } from './expect';

/** A later message turns a sale into a rent and gives the rent: both change together. */
describe('a correction that switches the deal', () => {
  it('reads the rent of a clause that says the home is let after all', () => {
    const text =
      'Lakeside bungalow, 3 bed 2 bath, for sale\n$845,000\nsorry, it is a rental, $3,900 a month';
    const e = extractListing(text, { defaultCurrency: 'USD' });
    expectField(text, e, 'ListPrice', 3_900, '$3,900');
    assert.equal(e.fields.ListingType?.value, 'rent');
  });

  it('does so in Spanish with a monthly rent: "perdón, es alquiler: USD 2.100 por mes"', () => {
    const text =
      'Casa en venta en Carrasco\n3 dorm 2 baños\nUSD 390.000\nperdón, es alquiler: USD 2.100 por mes';
    const e = extractListing(text, { defaultCurrency: 'UYU' });
    expectField(text, e, 'ListPrice', 2_100, 'USD 2.100');
    assert.equal(e.fields.ListingType?.value, 'rent');
  });
});
