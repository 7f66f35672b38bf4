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

/** Correction forms with no correction word, or with the magnitude left out. */
describe('restatements and shortened corrections', () => {
  const usd = { defaultCurrency: 'USD' };
  const value = (text: string, field: 'ListPrice' | 'BedroomsTotal', opts = usd) =>
    extractListing(text, opts).fields[field]?.value;

  it('a later line states the count again: "4 beds" after "3 beds", no marker word', () => {
    const text = 'Split level for sale 3 beds 2 baths 1,450 sqft $389k\nwalked it today: 4 beds';
    const e = extractListing(text, usd);
    expectField(text, e, 'BedroomsTotal', 4, '4 beds');
    assert.equal(e.fields.ListPrice?.value, 389_000);
  });
  it('restates in Spanish, Portuguese and Arabic', () => {
    const mxn = { defaultCurrency: 'MXN' };
    const es = 'Casa en venta en Toluca 3 rec 1 baño 140 m2 $1,950,000\nrevisé los planos: 2 baños';
    assert.equal(extractListing(es, mxn).fields.BathroomsTotalInteger?.value, 2);
    const pt =
      'Casa para alugar em Santos 2 quartos 1 banheiro R$ 3.100\nfalei com a dona: 3 quartos';
    assert.equal(value(pt, 'BedroomsTotal', { defaultCurrency: 'BRL' }), 3);
    const ar = 'فيلا للبيع في جدة 4 غرف نوم 4 حمامات السعر 2.6 مليون ريال\nالسعر صار 2.45 مليون';
    assert.equal(value(ar, 'ListPrice', { defaultCurrency: 'SAR' }), 2_450_000);
  });
  it('price-change words: "no wait", "scratch that", "now asking", "lowered it to"', () => {
    const base = 'Cape Cod for sale 3 bed 2 bath 1,600 sqft $429,000';
    assert.equal(value(`${base}\nno wait, $424,000`, 'ListPrice'), 424_000);
    assert.equal(value(`${base}\nscratch that, $419k`, 'ListPrice'), 419_000);
    assert.equal(value(`${base}\nnow asking $415,000`, 'ListPrice'), 415_000);
    assert.equal(value(`${base}\nseller lowered it to $409,000`, 'ListPrice'), 409_000);
  });
  it('"ahora pide", "quedó en", "rebajado a", "baixou pra", "agora é", "نزل السعر إلى"', () => {
    const mxn = { defaultCurrency: 'MXN' };
    const es = 'Casa en venta 3 rec 2 baños 170 m2, 3.3 mdp';
    assert.equal(value(`${es}\nla dueña ahora pide 3.1 mdp`, 'ListPrice', mxn), 3_100_000);
    assert.equal(value(`${es}\nel precio quedó en 3 mdp`, 'ListPrice', mxn), 3_000_000);
    const eur = { defaultCurrency: 'EUR' };
    const piso =
      'Piso en venta en Sevilla 2 habitaciones 1 baño 75 m2 189.000 €\nrebajado a 179.000 €';
    assert.equal(value(piso, 'ListPrice', eur), 179_000);
    const brl = { defaultCurrency: 'BRL' };
    const pt = 'Apto à venda 3 quartos 2 banheiros 90 m² R$ 720 mil';
    assert.equal(value(`${pt}\no dono baixou pra R$ 690 mil`, 'ListPrice', brl), 690_000);
    assert.equal(value(`${pt}\nagora é R$ 700 mil`, 'ListPrice', brl), 700_000);
    const ar = 'شقة للبيع 3 غرف نوم 2 حمام السعر 1.8 مليون ريال\nنزل السعر إلى 1.65 مليون';
    assert.equal(value(ar, 'ListPrice', { defaultCurrency: 'SAR' }), 1_650_000);
  });
  it('"*1.2M", "correction on size:" and the whole line sent again', () => {
    assert.equal(value('Farmhouse for sale 4 bed 3 bath $1.45M\n*1.4M', 'ListPrice'), 1_400_000);
    const size = extractListing(
      'Studio for sale 1 bath 520 sqft $289,000\ncorrection on size: 560 sqft',
      usd,
    );
    assert.equal(size.fields.LivingArea?.value, 560);
    const again =
      'Duplex for sale 3 bed 2 bath 1,500 sqft $340,000\nright numbers: 3 bed 2 bath 1,500 sqft $355,000';
    assert.equal(value(again, 'ListPrice'), 355_000);
  });
  it('two corrections in a row: the last one wins', () => {
    const text = 'Condo for sale 2 bed 1 bath 900 sqft $310k\nsorry 305k\nno wait, 299k';
    assert.equal(value(text, 'ListPrice'), 299_000);
  });
  it('takes an omitted magnitude from the price: "sorry 395", "errei, 1,35", "عفوا 88"', () => {
    assert.equal(value('Townhouse for sale 3 bed 2 bath $385k\nsorry 395', 'ListPrice'), 395_000);
    const pt = 'Casa à venda 4 quartos 3 banheiros R$ 1,25 milhão\nerrei, 1,35';
    assert.equal(value(pt, 'ListPrice', { defaultCurrency: 'BRL' }), 1_350_000);
    const ar = 'شقة للبيع في عمان 3 غرف نوم السعر 85 ألف دينار\nعفوا 88';
    assert.equal(value(ar, 'ListPrice', { defaultCurrency: 'JOD' }), 88_000);
    // A count is no price: "sorry 3" after "$450k" changes nothing.
    assert.equal(value('House for sale 3 bed 2 bath $450k\nsorry 3', 'ListPrice'), 450_000);
  });
  it('bathrooms as "2 full 1 half"', () => {
    const e = extractListing('Colonial for sale 4 bed 3 bath $640,000\nsorry, 2 full 1 half', usd);
    assert.equal(e.fields.BathroomsTotalInteger?.value, 3, 'RESO total: 2 full + 1 half');
    assert.equal(e.fields.BathroomsHalf?.value, 1);
  });
  it('a fix inside the line covers only its figure: "3 bed - sorry 4 bed, 2 bath"', () => {
    const e = extractListing('Ranch 3 bed - sorry 4 bed, 2 bath, 1,900 sqft, for sale $455k', usd);
    assert.equal(e.fields.BedroomsTotal?.value, 4);
    assert.equal(e.fields.BathroomsTotalInteger?.value, 2);
    assert.equal(e.fields.ListPrice?.value, 455_000);
    const t3 = extractListing('Apartamento T1 - desculpa, T2 - no Porto, 1 wc, 240.000 €');
    assert.equal(t3.fields.BedroomsTotal?.value, 2);
    assert.equal(t3.fields.ListingType?.value, 'sale', 'the price stays a first statement');
    const comma = 'Bungalow 3 bed 2 bath for sale $450,000 - no wait $440,000';
    assert.equal(value(comma, 'ListPrice'), 440_000, 'the thousands comma is no separator');
  });
  it('keeps the listing over later figures that correct nothing', () => {
    const base = 'House for sale 3 bed 2 bath 1,700 sqft $465,000';
    assert.equal(value(`${base}\nguest house has 1 bed`, 'BedroomsTotal'), 3);
    assert.equal(value(`${base}\nalso a 4 bed unit next door`, 'BedroomsTotal'), 3);
    assert.equal(value(`${base}\nbuilt 1998, new roof 2021`, 'ListPrice'), 465_000);
    assert.equal(value(`${base}\nparking spot $25,000 extra`, 'ListPrice'), 465_000);
    const rent = 'Apartment for rent 2 bed 1 bath $1,950/mo\nsecurity deposit $1,950';
    assert.equal(value(rent, 'ListPrice'), 1950);
    const ar = 'فيلا للإيجار 5 غرف نوم الإيجار 90 ألف ريال سنويا\nالايجار النصف سنوي 50 ألف';
    assert.equal(value(ar, 'ListPrice', { defaultCurrency: 'SAR' }), 90_000);
    const upstairs =
      'بيت للبيع 5 غرف نوم 4 حمامات السعر 1.2 مليون ريال\nالدور الثاني فيه 2 غرف نوم';
    assert.equal(value(upstairs, 'BedroomsTotal', { defaultCurrency: 'SAR' }), 5);
  });
  it('reads no restatement in a long description: later lines there are other parts', () => {
    const lines = ['Spacious 3 bedroom home for rent $1,800/mo', 'Features:', 'hardwood floors'];
    const text = [
      ...lines,
      'laundry in unit',
      'close to bus',
      'pets ok',
      '2 bedroom option $1,500/mo',
    ];
    assert.equal(value(text.join('\n'), 'BedroomsTotal'), 3);
  });
  it('a shared "$" with the code after the amount: "$310k USD" for a peso agency', () => {
    const e = extractListing('Condo in Tulum for sale 2 bed 2 bath $310k USD', {
      defaultCurrency: 'MXN',
    });
    assert.equal(e.fields.Currency?.value, 'USD');
  });
});
