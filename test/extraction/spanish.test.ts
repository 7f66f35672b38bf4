import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractListing } from '../../lib/ai/extraction';
import { expectEmpty, expectField, expectInferred, featureKeys } from './expect';

describe('Spanish listings', () => {
  const sale = [
    'Se vende apartamento en Chapinero, Bogotá. 3 habitaciones, 2 baños, 85 m², piso 4 exterior.',
    'Precio: $450.000.000. Administración $350.000 mensual. 2 parqueaderos. Sin mascotas.',
  ].join('\n');

  it('reads a Colombian sale in pesos, with the agency currency resolving "$"', () => {
    const e = extractListing(sale, { defaultCurrency: 'COP' });
    assert.equal(e.language, 'es');
    expectField(sale, e, 'ListPrice', 450_000_000, '$450.000.000');
    expectField(sale, e, 'Currency', 'COP', '$', sale.indexOf('Precio'));
    expectField(sale, e, 'ListingType', 'sale', 'Se vende');
    expectField(sale, e, 'PropertySubType', 'Apartment', 'apartamento');
    expectField(sale, e, 'PropertyType', 'Residential', 'apartamento');
    expectField(sale, e, 'BedroomsTotal', 3, '3 habitaciones');
    expectField(sale, e, 'BathroomsTotalInteger', 2, '2 baños');
    expectField(sale, e, 'LivingArea', 85, '85 m²');
    expectField(sale, e, 'LivingAreaUnits', 'sqm', '85 m²');
    expectField(sale, e, 'ParkingTotal', 2, '2 parqueaderos');
    expectField(sale, e, 'PetsAllowed', false, 'Sin mascotas');
    expectField(sale, e, 'City', 'Bogotá', 'Bogotá');
    expectInferred(sale, e, 'Country', 'CO', 'Bogotá');
    // "mensual" belongs to the building's fee, and a sale has no rent period.
    expectEmpty(e, ['RentPeriod', 'BathroomsHalf', 'Furnished', 'YearBuilt', 'LotSizeArea']);
  });

  it('reads "$" as the currency of the place the text is about when no agency default is set', () => {
    const e = extractListing(sale);
    expectField(sale, e, 'ListPrice', 450_000_000, '$450.000.000');
    expectField(sale, e, 'Currency', 'COP', '$');
  });

  it('does not guess which currency "$" is in a Spanish text that names no place', () => {
    const text = 'Se vende apartamento, 3 habitaciones, 85 m². Precio: $450.000.000.';
    const e = extractListing(text);
    expectField(text, e, 'ListPrice', 450_000_000, '$450.000.000');
    expectEmpty(e, ['Currency']);
  });

  it('reads "COP 450 millones" and written-out counts', () => {
    const text =
      'Vendo casa campestre, tres alcobas, dos baños, lote de 1.200 m2. Valor COP 450 millones.';
    const e = extractListing(text);
    expectField(text, e, 'ListPrice', 450_000_000, 'COP 450 millones');
    expectField(text, e, 'Currency', 'COP', 'COP');
    expectField(text, e, 'BedroomsTotal', 3, 'tres alcobas');
    expectField(text, e, 'BathroomsTotalInteger', 2, 'dos baños');
    expectField(text, e, 'LotSizeArea', 1200, '1.200 m2');
    expectField(text, e, 'LotSizeUnits', 'sqm', '1.200 m2');
    expectField(text, e, 'PropertySubType', 'Single Family Residence', 'casa');
    expectEmpty(e, ['LivingArea']);
  });

  it('reads a furnished monthly rental', () => {
    const text =
      'Arriendo apartamento amoblado en Medellín: 1 habitación, 1 baño, 42 mts, a 200 metros del metro. Canon $1.800.000 al mes, administración incluida. Tiene ascensor y gimnasio.';
    const e = extractListing(text, { defaultCurrency: 'COP' });
    expectField(text, e, 'ListingType', 'rent', 'Arriendo');
    expectField(text, e, 'ListPrice', 1_800_000, '$1.800.000');
    expectField(text, e, 'RentPeriod', 'monthly', 'al mes');
    expectField(text, e, 'Furnished', true, 'amoblado');
    expectField(text, e, 'BedroomsTotal', 1, '1 habitación');
    // 42 mts is the flat; 200 metros is a distance.
    expectField(text, e, 'LivingArea', 42, '42 mts');
    expectField(text, e, 'City', 'Medellín', 'Medellín');
    assert.deepEqual(featureKeys(e), ['elevator', 'gym']);
  });
});
