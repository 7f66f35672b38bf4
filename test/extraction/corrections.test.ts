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
  // One assertion per correction form: the later statement wins, decoys do not.
  it('an asterisk line: "*3 baths"', () => {
    const e = extractListing('Ranch home 3 bed 2 bath 1,800 sqft $425,000\n*3 baths', {
      defaultCurrency: 'USD',
    });
    assert.equal(e.fields.BathroomsTotalInteger?.value, 3);
  });
  it('"make that 3 beds"', () => {
    const e = extractListing('Townhouse for sale 2 beds 2 baths $365k\nmake that 3 beds', {
      defaultCurrency: 'USD',
    });
    assert.equal(e.fields.BedroomsTotal?.value, 3);
  });
  it('"price drop to 1.2M"', () => {
    const e = extractListing('Colonial for sale 4 bed 3 bath, $1.35M\nprice drop to 1.2M', {
      defaultCurrency: 'USD',
    });
    assert.equal(e.fields.ListPrice?.value, 1_200_000);
  });
  it('a line that opens by withdrawing: "not 1.85, it\'s 1.95M"', () => {
    const e = extractListing("Penthouse 3 bd listed at $1.85M\nnot 1.85, it's 1.95M", {
      defaultCurrency: 'USD',
    });
    assert.equal(e.fields.ListPrice?.value, 1_950_000);
  });
  it('a restated label: "Price: $365,000"', () => {
    const e = extractListing(
      '3 bed / 2 bath\nPrice: $349,000\nowner just called\nPrice: $365,000',
      { defaultCurrency: 'USD' },
    );
    assert.equal(e.fields.ListPrice?.value, 365_000);
  });
  it('"atualizado: R$ 850 mil"', () => {
    const e = extractListing('Apê 2 quartos 68m² R$ 890 mil\natualizado: R$ 850 mil', {
      defaultCurrency: 'BRL',
    });
    assert.equal(e.fields.ListPrice?.value, 850_000);
  });
  it('"precio final 2.3 mdp"', () => {
    const e = extractListing('Casa en venta 3 rec 160 m2, 2.8 mdp\nprecio final 2.3 mdp', {
      defaultCurrency: 'MXN',
    });
    assert.equal(e.fields.ListPrice?.value, 2_300_000);
  });
  it('"السعر النهائي 62 ألف"', () => {
    const e = extractListing('شقة للبيع 2 غرف نوم السعر 65 ألف ريال\nالسعر النهائي 62 ألف', {
      defaultCurrency: 'OMR',
    });
    assert.equal(e.fields.ListPrice?.value, 62_000);
  });
  it('the deal: "actually it\'s for rent, not sale"', () => {
    const e = extractListing(
      "Condo for sale 1 bed 1 bath $2,300\nactually it's for rent, not sale",
      { defaultCurrency: 'USD' },
    );
    assert.equal(e.fields.ListingType?.value, 'rent');
  });
  it('the deal: "es renta no venta"', () => {
    const e = extractListing(
      'Departamento en venta 2 recámaras $22,000\nes renta no venta, $22,000 mensuales',
      { defaultCurrency: 'MXN' },
    );
    assert.equal(e.fields.ListingType?.value, 'rent');
  });
  it('the deal: "é para alugar, não venda"', () => {
    const e = extractListing('Apartamento 3 quartos à venda R$ 4.500\né para alugar, não venda', {
      defaultCurrency: 'BRL',
    });
    assert.equal(e.fields.ListingType?.value, 'rent');
  });
  it('the deal: "تصحيح: للإيجار مش للبيع"', () => {
    const e = extractListing(
      'شقة في جدة 3 غرف نوم للبيع 60 ألف ريال سنويا\nتصحيح: للإيجار مش للبيع',
      { defaultCurrency: 'SAR' },
    );
    assert.equal(e.fields.ListingType?.value, 'rent');
  });
  it('the currency: "sorry, USD not MXN"', () => {
    const e = extractListing('Condo in Cancun for sale 2 bed, 285,000 MXN\nsorry, USD not MXN', {
      defaultCurrency: 'MXN',
    });
    assert.equal(e.fields.Currency?.value, 'USD');
  });
  it('the currency: "en dólares"', () => {
    const e = extractListing('Casa en Cancún en venta 3 rec, $450,000\nen dólares', {
      defaultCurrency: 'MXN',
    });
    assert.equal(e.fields.Currency?.value, 'USD');
  });
  it('the currency: "بالدولار"', () => {
    const e = extractListing('فيلا للبيع 4 غرف نوم السعر 250 ألف\nبالدولار', {
      defaultCurrency: 'EGP',
    });
    assert.equal(e.fields.Currency?.value, 'USD');
  });
  it('keeps the price over a later deposit: "security deposit $2,400"', () => {
    const e = extractListing(
      '2 bed apartment for rent $2,400/month\nsecurity deposit $2,400, pet fee $300\nupdate: available Jan 1',
      { defaultCurrency: 'USD' },
    );
    assert.equal(e.fields.ListPrice?.value, 2400);
  });
  it('keeps the deal over a later fee line: "caução de R$ 2.400"', () => {
    const e = extractListing(
      'Kitnet para alugar 1 quarto R$ 1.200\ncaução de R$ 2.400 e taxa de R$ 150',
      { defaultCurrency: 'BRL' },
    );
    assert.equal(e.fields.ListingType?.value, 'rent');
  });
});
