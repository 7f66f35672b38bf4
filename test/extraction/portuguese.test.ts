import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractListing } from '../../lib/ai/extraction';
import { expectEmpty, expectField, expectInferred, featureKeys } from './expect';

describe('Portuguese listings', () => {
  it('reads a Brazilian sale: quartos, suíte, banheiros, vagas, R$ mil', () => {
    const text =
      'Vende-se casa em Belo Horizonte com 3 quartos (1 suíte), 2 banheiros e 2 vagas de garagem. 180 m² de área construída, churrasqueira e piscina. R$ 850 mil. Aceita financiamento.';
    const e = extractListing(text);
    assert.equal(e.language, 'pt');
    expectField(text, e, 'ListingType', 'sale', 'Vende-se');
    expectField(text, e, 'PropertySubType', 'Single Family Residence', 'casa');
    expectField(text, e, 'BedroomsTotal', 3, '3 quartos');
    expectField(text, e, 'BathroomsTotalInteger', 2, '2 banheiros');
    expectField(text, e, 'ParkingTotal', 2, '2 vagas');
    expectField(text, e, 'LivingArea', 180, '180 m²');
    expectField(text, e, 'ListPrice', 850_000, 'R$ 850 mil');
    expectField(text, e, 'Currency', 'BRL', 'R$');
    expectField(text, e, 'City', 'Belo Horizonte', 'Belo Horizonte');
    expectInferred(text, e, 'Country', 'BR', 'Belo Horizonte');
    assert.deepEqual(featureKeys(e), ['parking', 'bbq', 'pool']);
    expectEmpty(e, ['RentPeriod', 'Furnished', 'PetsAllowed', 'YearBuilt']);
  });

  it('reads a furnished rental paid per month, with "duas" and no pets', () => {
    const text =
      'Aluga-se apartamento mobiliado com duas suítes e um lavabo, 65 m2. R$ 2.500 por mês + condomínio R$ 600. Não aceita animais.';
    const e = extractListing(text);
    expectField(text, e, 'ListingType', 'rent', 'Aluga-se');
    expectField(text, e, 'ListPrice', 2500, 'R$ 2.500');
    expectField(text, e, 'RentPeriod', 'monthly', 'por mês');
    expectField(text, e, 'Furnished', true, 'mobiliado');
    expectField(text, e, 'PetsAllowed', false, 'Não aceita animais');
    expectField(text, e, 'BedroomsTotal', 2, 'duas suítes');
    expectField(text, e, 'BathroomsHalf', 1, 'um lavabo');
    expectField(text, e, 'LivingArea', 65, '65 m2');
    expectEmpty(e, ['BathroomsTotalInteger', 'ParkingTotal']);
  });
});
