import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractListing } from '../../lib/ai/extraction';
import { expectField } from './expect';

/** A later message in the burst corrects a figure: the later statement wins, in every language. */
describe('corrections inside a burst', () => {
  it('takes the corrected price over the first one: "sorry typo, 398k not 389k"', () => {
    const text = 'Condo 1bd/1ba 780 sqft $389k\nsorry typo, 398k not 389k';
    const e = extractListing(text, { defaultCurrency: 'USD' });
    expectField(text, e, 'ListPrice', 398_000, '398k');
    expectField(text, e, 'BedroomsTotal', 1, '1bd');
  });

  it('reads a bare corrected figure by the figure it withdraws: "no es 3.8, son 3.6 mdp"', () => {
    const text = 'Depa 2 rec 1 baño, 70m2, 3.8 mdp\nperdón, no es 3.8, son 3.6 mdp';
    const e = extractListing(text, { defaultCurrency: 'MXN' });
    expectField(text, e, 'ListPrice', 3_600_000, '3.6 mdp');
    expectField(text, e, 'BedroomsTotal', 2, '2 rec');
  });

  it('carries the withdrawn noun to the new count: "no son 3 baños, son 2 y medio"', () => {
    const text = 'Casa 3 recámaras, 3 baños, $4,100,000\nno son 3 baños, son 2 y medio';
    const e = extractListing(text, { defaultCurrency: 'MXN' });
    assert.equal(e.fields.BathroomsTotalInteger?.value, 3, 'RESO total: 2 full + 1 half');
    assert.equal(e.fields.BathroomsHalf?.value, 1);
    assert.equal(e.fields.BedroomsTotal?.value, 3);
  });

  it('corrects bedrooms in Portuguese typology: "desculpa, é T2 e não T3"', () => {
    const text = 'Apartamento T3 em Braga, 1 wc, 80 m2, 210.000 €\ndesculpa, é T2 e não T3';
    const e = extractListing(text);
    assert.equal(e.fields.BedroomsTotal?.value, 2);
    assert.equal(e.fields.ListPrice?.value, 210_000);
  });

  it('corrects an Arabic price with the withdrawn figure after "مش"', () => {
    const text = 'شقة للإيجار 3 غرف و2 حمام 130 متر 12 ألف جنيه شهريا. عفوا الإيجار 14 ألف مش 12';
    const e = extractListing(text);
    assert.equal(e.fields.ListPrice?.value, 14_000);
    assert.equal(e.fields.BedroomsTotal?.value, 3);
  });

  it('corrects the size, and the plot when only a plot was given: "ops, são 420 m2"', () => {
    const text = 'Terreno 380 m2 em Londrina por R$ 190 mil... ops, são 420 m2';
    const e = extractListing(text);
    assert.equal(e.fields.LotSizeArea?.value, 420);
    assert.equal(e.fields.LivingArea, undefined);
    assert.equal(e.fields.ListPrice?.value, 190_000);
  });

  it('leaves a field as stated when the correction names nothing it can be matched to', () => {
    const text = '2 bed 1 bath, $1,450/month\nsorry, 3 not 4';
    const e = extractListing(text, { defaultCurrency: 'USD' });
    assert.equal(e.fields.BedroomsTotal?.value, 2);
    assert.equal(e.fields.BathroomsTotalInteger?.value, 1);
    assert.equal(e.fields.ListPrice?.value, 1450);
  });
});
