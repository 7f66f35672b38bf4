import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractListing } from '../../lib/ai/extraction';
import { expectEmpty, expectField, featureKeys } from './expect';

describe('Arabic listings', () => {
  it('reads a yearly apartment rental with Arabic-Indic digits and the dual', () => {
    const text = [
      'شقة للإيجار في الرياض',
      '٣ غرف نوم وحمامين، مساحة ١٢٠ متر مربع',
      'الإيجار ٤٥ ألف ريال سنوياً',
      'مفروشة، يوجد مصعد',
    ].join('\n');
    const e = extractListing(text);
    assert.equal(e.language, 'ar');
    expectField(text, e, 'ListingType', 'rent', 'للإيجار');
    expectField(text, e, 'PropertySubType', 'Apartment', 'شقة');
    expectField(text, e, 'PropertyType', 'Residential Lease', 'شقة');
    expectField(text, e, 'BedroomsTotal', 3, '٣ غرف نوم');
    expectField(text, e, 'BathroomsTotalInteger', 2, 'حمامين');
    expectField(text, e, 'LivingArea', 120, '١٢٠ متر مربع');
    expectField(text, e, 'ListPrice', 45_000, '٤٥ ألف ريال');
    expectField(text, e, 'Currency', 'SAR', 'ريال');
    expectField(text, e, 'RentPeriod', 'yearly', 'سنويا');
    expectField(text, e, 'Furnished', true, 'مفروشة');
    expectField(text, e, 'City', 'الرياض', 'الرياض');
    assert.deepEqual(featureKeys(e), ['elevator']);
    expectEmpty(e, ['ParkingTotal', 'YearBuilt', 'PetsAllowed', 'LotSizeArea', 'BathroomsHalf']);
  });

  it('reads "غرفتين" as two rooms, a bare thousand, and keeps the street width out of the size', () => {
    const text = 'فيلا للايجار غرفتين نوم وصالة، مساحة ٣٠٠م على شارع ٢٠م، السعر ٨٠الف';
    const e = extractListing(text);
    expectField(text, e, 'BedroomsTotal', 2, 'غرفتين نوم');
    expectField(text, e, 'LivingArea', 300, '٣٠٠م');
    expectField(text, e, 'ListPrice', 80_000, '٨٠الف');
    expectField(text, e, 'PropertySubType', 'Single Family Residence', 'فيلا');
    // The text names no currency: with the agency's default it is filled in, without evidence.
    expectEmpty(e, ['Currency']);
    const withDefault = extractListing(text, { defaultCurrency: 'SAR' });
    assert.deepEqual(withDefault.fields.Currency, {
      value: 'SAR',
      evidence: null,
      confidence: 0.3,
    });
  });

  it('reads Persian digits, "3 غرف", a monthly rent and a sale', () => {
    const rent = 'للإيجار دور ۳ غرف و۲ حمام، الإيجار الشهري ۳۵۰۰ ريال';
    const r = extractListing(rent);
    expectField(rent, r, 'BedroomsTotal', 3, '۳ غرف');
    expectField(rent, r, 'BathroomsTotalInteger', 2, '۲ حمام');
    expectField(rent, r, 'ListPrice', 3500, '۳۵۰۰ ريال');
    expectField(rent, r, 'RentPeriod', 'monthly', 'الإيجار الشهري');

    const sale = 'فيلا للبيع في جدة بسعر ٢٫٥ مليون ريال، ٥ غرف نوم';
    const s = extractListing(sale);
    expectField(sale, s, 'ListingType', 'sale', 'للبيع');
    expectField(sale, s, 'ListPrice', 2_500_000, '٢٫٥ مليون ريال');
    expectField(sale, s, 'BedroomsTotal', 5, '٥ غرف نوم');
    expectField(sale, s, 'City', 'جدة', 'جدة');
    expectEmpty(s, ['RentPeriod']);

    const spelled = 'فيلا للبيع بسعر مليون و٢٠٠ ألف ريال';
    const m = extractListing(spelled);
    expectField(spelled, m, 'ListPrice', 1_200_000, 'مليون و٢٠٠ ألف ريال');
  });
});
