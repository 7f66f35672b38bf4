import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractListing } from '../../lib/ai/extraction';
import { expectEmpty, expectField, expectInferred, featureKeys } from './expect';

describe('English listings', () => {
  it('reads a rental with price, period, rooms, size, parking and address', () => {
    const text = [
      'Sunny 2 bed / 1.5 bath condo for rent in Austin, TX 78704',
      '$2,150/mo, 950 sq ft, 1 covered parking space.',
      'Pets ok. Built in 1998. Pool and gym on site.',
      'Application fee $45 per adult.',
    ].join('\n');
    const e = extractListing(text);

    assert.equal(e.language, 'en');
    expectField(text, e, 'ListPrice', 2150, '$2,150');
    expectField(text, e, 'Currency', 'USD', '$');
    expectField(text, e, 'ListingType', 'rent', 'for rent');
    expectField(text, e, 'RentPeriod', 'monthly', '/mo');
    expectField(text, e, 'PropertySubType', 'Condominium', 'condo');
    expectField(text, e, 'PropertyType', 'Residential Lease', 'condo');
    expectField(text, e, 'BedroomsTotal', 2, '2 bed');
    // RESO counts the half bath as a bathroom: 1 full + 1 half = 2, of which 1 half.
    expectField(text, e, 'BathroomsTotalInteger', 2, '1.5 bath');
    expectField(text, e, 'BathroomsHalf', 1, '1.5 bath');
    expectField(text, e, 'LivingArea', 950, '950 sq ft');
    expectField(text, e, 'LivingAreaUnits', 'sqft', '950 sq ft');
    expectField(text, e, 'ParkingTotal', 1, '1 covered parking space');
    expectField(text, e, 'PetsAllowed', true, 'Pets ok');
    expectField(text, e, 'YearBuilt', 1998, 'Built in 1998');
    expectField(text, e, 'City', 'Austin', 'Austin, TX 78704');
    expectField(text, e, 'StateOrProvince', 'TX', 'Austin, TX 78704');
    expectField(text, e, 'PostalCode', '78704', 'Austin, TX 78704');
    assert.deepEqual(featureKeys(e), ['parking', 'pool', 'gym']);
    expectEmpty(e, ['LotSizeArea', 'Furnished', 'UnparsedAddress', 'Latitude', 'Longitude']);
  });

  it('reads Indian shorthand: 3bhk, crore and lakh', () => {
    const text = 'Spacious 3bhk flat for sale in Pune, 1,450 sqft, price 1.5 cr (negotiable)';
    const e = extractListing(text);
    expectField(text, e, 'BedroomsTotal', 3, '3bhk');
    expectField(text, e, 'ListPrice', 15_000_000, '1.5 cr');
    expectField(text, e, 'ListingType', 'sale', 'for sale');
    expectField(text, e, 'LivingArea', 1450, '1,450 sqft');
    // No currency is written: crore in Pune is rupees, marked as inferred from the place.
    expectInferred(text, e, 'Currency', 'INR', 'Pune');
    expectEmpty(e, ['BathroomsTotalInteger', 'RentPeriod']);

    const lakh = 'Rs 45 lakh, 2 BHK apartment, 850 sq. ft.';
    const l = extractListing(lakh);
    expectField(lakh, l, 'ListPrice', 4_500_000, 'Rs 45 lakh');
    expectField(lakh, l, 'Currency', 'INR', 'Rs');
    expectField(lakh, l, 'BedroomsTotal', 2, '2 BHK');
    expectField(lakh, l, 'LivingArea', 850, '850 sq. ft.');
  });

  it('reads magnitudes: $1.2M and 850k', () => {
    const text = 'Modern 4 bedroom house for sale, asking $1.2M. Half acre lot.';
    const e = extractListing(text);
    expectField(text, e, 'ListPrice', 1_200_000, '$1.2M');
    expectField(text, e, 'LotSizeArea', 0.5, 'Half acre');
    expectField(text, e, 'LotSizeUnits', 'acres', 'Half acre');
    expectEmpty(e, ['LivingArea']);

    const k = 'Townhouse for sale 850k, 3 beds 2 baths';
    const t = extractListing(k, { defaultCurrency: 'CAD' });
    expectField(k, t, 'ListPrice', 850_000, '850k');
    assert.deepEqual(t.fields.Currency, { value: 'CAD', evidence: null, confidence: 0.3 });
  });

  it('keeps fees, deposits and other units out of the price', () => {
    const text = [
      'Studio apartment near campus. Security deposit $500.',
      '$150 administration fee. Rent $875/mo, heat included.',
    ].join('\n');
    const e = extractListing(text);
    expectField(text, e, 'ListPrice', 875, '$875');
    expectField(text, e, 'BedroomsTotal', 0, 'Studio');
  });

  it('does not take one count out of a list of unit types', () => {
    const text = 'Charming 1, 2 & 3 bedroom apartment homes with a fitness studio and pool.';
    const e = extractListing(text);
    expectEmpty(e, ['BedroomsTotal', 'ListPrice']);
    assert.deepEqual(featureKeys(e), ['pool']);
    // "apartment homes" only hints at a rental: the deal is read, with a low confidence.
    assert.equal(e.fields.ListingType?.value, 'rent');
    assert.ok((e.fields.ListingType?.confidence ?? 1) <= 0.6);
  });

  it('leaves everything empty when nothing is stated', () => {
    const e = extractListing('Call me for details!');
    assert.equal(e.language, 'en');
    assert.deepEqual(e.fields, {});
  });
});
