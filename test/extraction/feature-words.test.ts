import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractListing } from '../../lib/ai/extraction';
import { featureKeys } from './expect';

/** Feature words each market uses, and words that look like a feature but are not one. */
const keys = (text: string) => featureKeys(extractListing(text)).sort();

describe('regional feature words', () => {
  it('staff quarters: a BQ, a DSQ, a servant room', () => {
    assert.ok(keys('5 bed detached duplex with BQ, Ikoyi').includes('maid_room'));
    assert.ok(keys('4 bedroom maisonette, Kileleshwa, DSQ').includes('maid_room'));
    assert.ok(keys('3 bhk plus servant room, Noida').includes('maid_room'));
  });

  it('a locker, a driveway, car parks and a Portuguese box are storage and parking', () => {
    assert.deepEqual(keys('1 bed condo, 1 parking, 1 locker'), ['parking', 'storage']);
    assert.deepEqual(keys('Semi detached, driveway for 3 cars'), ['parking']);
    assert.deepEqual(keys('3BHK, 2 covered car parks'), ['parking']);
    assert.deepEqual(keys('T2 em Braga, box para 1 carro'), ['parking']);
  });

  it('aircon, gas CH, chauffage, pileta, ascenseur, W/D, backyard', () => {
    assert.deepEqual(keys('Unit with ducted aircon'), ['air_conditioning']);
    assert.deepEqual(keys('Flat in Leith, gas CH'), ['heating']);
    assert.deepEqual(keys('3 1/2, chauffage inclus'), ['heating']);
    assert.deepEqual(keys('Casa en Pilar con pileta'), ['pool']);
    assert.deepEqual(keys('Appartement, 5e étage, ascenseur'), ['elevator']);
    assert.deepEqual(keys('2br with in-unit W/D'), ['laundry']);
    assert.deepEqual(keys('Cottage with a big backyard'), ['garden']);
    assert.deepEqual(keys('Victorian, 3 fireplaces'), ['fireplace']);
  });

  it('a Mexican roof garden is a terrace', () => {
    assert.deepEqual(keys('Depa en la Roma con roof garden'), ['terrace']);
  });
});

describe('words that are not features', () => {
  it('a British terrace house, a garden unit, a rent deposit', () => {
    assert.deepEqual(keys('two bed mid terrace in Leeds'), []);
    assert.deepEqual(keys('3 bed terrace, Headingley'), []);
    assert.deepEqual(keys('Logan Square garden unit, 2br'), []);
    assert.deepEqual(keys('Depa en renta, depósito 1 mes'), []);
    assert.deepEqual(keys('12 month lease, first + last + security'), []);
  });
});

describe('something sold apart from the home', () => {
  it('an optional parking space priced on its own line is not the price', () => {
    const es = 'Piso en venta en Sants\n310.000 €\nplaza de garaje opcional por 28.000 €';
    assert.equal(extractListing(es).fields.ListPrice?.value, 310_000);
    const pt = 'T2 à venda em Aveiro\n240.000 €\ngaragem vendida à parte por 15.000 €';
    assert.equal(extractListing(pt).fields.ListPrice?.value, 240_000);
  });
});

describe('feature words of more markets, and row houses sold as "terraces"', () => {
  it('a braai, a parrillero, service quarters, a cheminée, stationnement, a driver', () => {
    assert.deepEqual(keys('Bryanston house, braai area and pool'), ['bbq', 'pool']);
    assert.deepEqual(keys('Casa en Malvín con parrillero'), ['bbq']);
    assert.ok(keys('Casa 4 dorm, dependencia de servicio').includes('maid_room'));
    assert.ok(keys('Moradia V4, anexo para empregada').includes('maid_room'));
    assert.deepEqual(keys('شاليه في فاريا مع شومينه'), ['fireplace']);
    assert.deepEqual(keys('Loft Verdun, stationnement inclus'), ['parking']);
    assert.ok(keys('Villa 5 bedrooms + maid + driver, Jeddah').includes('driver_room'));
    assert.deepEqual(keys('Depto frente al mar, Viña del Mar'), ['sea_view']);
  });

  it('a "terrace for sale" is the house; a flat with a terrace for sale has one', () => {
    assert.deepEqual(keys('Georgian terrace, 4 bed, Bath'), []);
    assert.deepEqual(keys('Fitzroy terrace for sale, 2 bed, courtyard'), []);
    assert.deepEqual(keys('Penthouse with terrace for sale, Marbella'), ['terrace']);
  });

  it('"Ciudad Jardín" is a district, and a deposit instead of a guarantor is not storage', () => {
    assert.deepEqual(keys('Apartamento en Ciudad Jardín, 3 alcobas'), []);
    assert.deepEqual(keys('Alquiler casa, garantía CGN o depósito'), []);
  });
});
