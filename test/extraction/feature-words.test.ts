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
