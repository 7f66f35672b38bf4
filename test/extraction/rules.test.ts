import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractListing } from '../../lib/ai/extraction';
import { detectLanguage } from '../../lib/ai/extraction/language';
import { parseNumber, readAmount } from '../../lib/ai/extraction/numbers';
import { fold } from '../../lib/ai/extraction/text';
import { ExtractionSchema, toListing } from '../../lib/domain/listing';
import { expectEmpty, expectField, expectInferred } from './expect';

/** The amount written at the start of `text`, as the price rule reads it. */
function amount(text: string, moneyContext = false): number | undefined {
  const folded = fold(text);
  const digits = /^\d[\d.,'\u00a0]*\d|^\d/.exec(folded)?.[0] ?? '';
  return readAmount(folded, 0, digits.length, { moneyContext })?.value;
}

describe('numbers', () => {
  it('reads both separator conventions', () => {
    assert.equal(parseNumber('1,250,000'), 1_250_000);
    assert.equal(parseNumber('1.250.000'), 1_250_000);
    assert.equal(parseNumber('1.250.000,50'), 1_250_000.5);
    assert.equal(parseNumber('1,050'), 1050);
    assert.equal(parseNumber('116.90'), 116.9);
    assert.equal(parseNumber('116,90'), 116.9);
    assert.equal(parseNumber('1.5'), 1.5);
  });

  it('folds Arabic-Indic and Persian digits without moving offsets', () => {
    const raw = 'السعر ٤٥٬٠٠٠ و ۳۵۰۰';
    const folded = fold(raw);
    assert.equal(folded.length, raw.length);
    assert.equal(folded, 'السعر 45,000 و 3500');
  });

  it('reads magnitude words', () => {
    assert.equal(amount('850k'), 850_000);
    assert.equal(amount('1.2M', true), 1_200_000);
    assert.equal(amount('107M'), 107, 'without a currency or a price word, M is metres');
    assert.equal(amount('1.5 cr'), 15_000_000);
    assert.equal(amount('3 lakh'), 300_000);
    assert.equal(amount('450 millones'), 450_000_000);
    assert.equal(amount('1 millón 341 mil'), 1_341_000);
    assert.equal(amount('850 mil'), 850_000);
    assert.equal(amount('٨٠ ألف'), 80_000);
    assert.equal(amount('٢٫٥ مليون'), 2_500_000);
    assert.equal(amount('40.000 ألف'), 40_000, 'the thousands are already written out');
  });
});

describe('language', () => {
  it('tells the four languages apart', () => {
    assert.equal(
      detectLanguage('Lovely 2 bedroom apartment with a view of the park').language,
      'en',
    );
    assert.equal(
      detectLanguage('Hermoso apartamento con vista, cocina abierta y dos baños').language,
      'es',
    );
    assert.equal(
      detectLanguage('Lindo apartamento com vista, cozinha e dois banheiros').language,
      'pt',
    );
    assert.equal(detectLanguage('شقة للإيجار مع مطبخ').language, 'ar');
  });

  it('falls back to the agency language when the text gives no signal', () => {
    assert.deepEqual(detectLanguage('3 hab, 2 wc', 'es'), { language: 'es', confidence: 0.3 });
  });
});

describe('rules that prevent wrong values', () => {
  it('ignores room dimensions, ordinals and distances', () => {
    const text = 'Master bedroom 12x14 ft, 3rd floor, 5 minutes from the beach.';
    expectEmpty(extractListing(text), ['LivingArea', 'BedroomsTotal', 'ListPrice', 'ParkingTotal']);
  });

  it('does not read a fitness studio as a studio apartment, nor "un cuarto piso" as a bedroom', () => {
    assert.equal(extractListing('Amenities: fitness studio, pool').fields.BedroomsTotal, undefined);
    assert.equal(
      extractListing('Apartamento en un cuarto piso con vista').fields.BedroomsTotal,
      undefined,
    );
  });

  it('adds a separately written half bath to full baths', () => {
    const text = '3 beds, 2 full baths and 1 half bath';
    const e = extractListing(text);
    assert.equal(e.fields.BathroomsTotalInteger?.value, 3);
    assert.equal(e.fields.BathroomsHalf?.value, 1);
  });
});

describe('location', () => {
  it('reads a US street line with city, state and ZIP', () => {
    const text = 'For rent: 113 Travers Blvd\nAmherst, NY 14228\n2 bedroom townhome';
    const e = extractListing(text);
    expectField(text, e, 'UnparsedAddress', '113 Travers Blvd', '113 Travers Blvd');
    expectField(text, e, 'City', 'Amherst', 'Amherst, NY 14228');
    expectField(text, e, 'StateOrProvince', 'NY', 'Amherst, NY 14228');
    expectField(text, e, 'PostalCode', '14228', 'Amherst, NY 14228');
    expectInferred(text, e, 'Country', 'US', 'Amherst, NY 14228');
  });

  it('reads a Colombian street address and coordinates', () => {
    const text = 'Apartamento en la Calle 93 # 11-26, Bogotá. Ubicación: 4.6782, -74.0483';
    const e = extractListing(text);
    expectField(text, e, 'UnparsedAddress', 'Calle 93 # 11-26', 'Calle 93 # 11-26');
    expectField(text, e, 'Latitude', 4.6782, '4.6782, -74.0483');
    expectField(text, e, 'Longitude', -74.0483, '4.6782, -74.0483');
    expectField(text, e, 'City', 'Bogotá', 'Bogotá');
    expectEmpty(e, ['PostalCode', 'StateOrProvince']);
  });
});

describe('the extraction contract', () => {
  it('matches the zod schema and turns into a listing', () => {
    const text = 'Casa en venta, 4 habitaciones, 3 baños, 220 m2, USD 350,000. Con piscina.';
    const extraction = extractListing(text);
    assert.deepEqual(ExtractionSchema.parse(extraction), extraction);
    for (const field of Object.values(extraction.fields)) {
      for (const f of Array.isArray(field) ? field : [field]) {
        if (!f?.evidence) continue;
        assert.equal(text.slice(f.evidence.start, f.evidence.end), f.evidence.text);
      }
    }
    assert.deepEqual(toListing(extraction), {
      ListPrice: 350_000,
      Currency: 'USD',
      ListingType: 'sale',
      PropertySubType: 'Single Family Residence',
      PropertyType: 'Residential',
      BedroomsTotal: 4,
      BathroomsTotalInteger: 3,
      LivingArea: 220,
      LivingAreaUnits: 'sqm',
      Features: ['pool'],
    });
  });

  it('is deterministic', () => {
    const text = 'Se arrienda apartamento de 2 alcobas, $1.500.000 mensuales';
    assert.deepEqual(extractListing(text), extractListing(text));
  });
});
