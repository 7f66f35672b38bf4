import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractListing } from '../../lib/ai/extraction';
import { expectField } from './expect';

/**
 * Corrections as agents send them in a hurry: a figure with an asterisk after it, a spoken
 * "no no" or "peraí" mid-sentence, a fix withdrawn with "está bien", a withdrawn price whose
 * "m" could read as metres, and price-list lines for another unit type.
 */

type Opts = { defaultCurrency: string };
const usd: Opts = { defaultCurrency: 'USD' };
const mxn: Opts = { defaultCurrency: 'MXN' };
const brl: Opts = { defaultCurrency: 'BRL' };
const clp: Opts = { defaultCurrency: 'CLP' };
const egp: Opts = { defaultCurrency: 'EGP' };
const ngn: Opts = { defaultCurrency: 'NGN' };

const fields = (text: string, opts: Opts) => extractListing(text, opts).fields;

describe('a figure with the asterisk after it corrects', () => {
  it('"4.1*" after "$4.6 mdp" keeps the magnitude left out', () => {
    const text = 'Casa en venta en Coyoacán, 3 rec, 2 baños\n$4.6 mdp\n4.1*';
    const e = extractListing(text, mxn);
    expectField(text, e, 'ListPrice', 4_100_000, '4.1');
  });
  it('"R$ 3.400*" replaces a rent of the same order', () => {
    const text = 'Alugo apartamento em Pinheiros, 2 quartos, 70m²\nR$ 3.200\nR$ 3.400*';
    assert.equal(fields(text, brl).ListPrice?.value, 3400);
  });
  it('"3D*" fixes the bedrooms of a D/B pair, and only of one', () => {
    const pair = 'Casa en venta Ñuñoa, 4D 3B, 140 m2\nUF 9.800\n3D* el cuarto es bodega';
    const e = fields(pair, clp);
    assert.equal(e.BedroomsTotal?.value, 3);
    assert.equal(e.BathroomsTotalInteger?.value, 3);
    const noPair = 'Casa en venta Ñuñoa, 4 dormitorios, 140 m2\nUF 9.800\n3D* tour online';
    assert.equal(fields(noPair, clp).BedroomsTotal?.value, 4);
  });
});

describe('a later line that opens with "no," restates the figures', () => {
  it('"no, 3D3B" fixes the baths of "3D2B"', () => {
    const text = 'Arriendo casa La Florida 3D2B, 90 m2\n$650.000\nno, 3D3B';
    const e = fields(text, clp);
    assert.equal(e.BedroomsTotal?.value, 3);
    assert.equal(e.BathroomsTotalInteger?.value, 3);
  });
});

describe('spoken asides take the figure before them back', () => {
  it('"5 bhk no no 4 bhk" on one line', () => {
    const text = 'flat in pune baner it is 5 bhk no no 4 bhk with study, 2100 sqft, 2 crore';
    const e = fields(text, { defaultCurrency: 'INR' });
    assert.equal(e.BedroomsTotal?.value, 4);
    assert.equal(e.LivingArea?.value, 2100);
  });
  it('"no no" with no figure before it takes nothing back', () => {
    const text = 'Casa en venta, no no 3 recámaras, 2 baños\n$3.2 mdp';
    assert.equal(fields(text, mxn).BedroomsTotal?.value, 3);
  });
  it('"aliás" between two prices', () => {
    const text =
      'Casa em Campinas com 3 quartos, pedindo R$ 780.000 aliás R$ 820.000 que o dono reviu, IPTU R$ 200';
    assert.equal(fields(text, brl).ListPrice?.value, 820_000);
  });
  it('Egyptian "لا معلش" and Swahili "samahani"', () => {
    const ar = 'شقة في المعادي مساحتها 180 متر لا معلش 160 متر، 3 غرف';
    assert.equal(fields(ar, egp).LivingArea?.value, 160);
    const sw = 'Nyumba inauzwa Ruiru, 4 bedroom maisonette, Ksh 9.5M\nsamahani, ni 8.9M';
    assert.equal(fields(sw, { defaultCurrency: 'KES' }).ListPrice?.value, 8_900_000);
  });
  it('Brazilian "peraí" fixes the count after it', () => {
    const text =
      'apartamento na Tijuca de dois quartos, um banheiro, não peraí são dois banheiros, 80 metros';
    assert.equal(fields(text, brl).BathroomsTotalInteger?.value, 2);
  });
});

describe('a fix withdrawn by saying the first figure stands', () => {
  it('"no, 640 está bien" after "perdón son 460"', () => {
    const text =
      'Casa en Laureles, Medellín, 3 hab\n$640 millones\nperdón son 460\nno, 640 está bien';
    assert.equal(fields(text, { defaultCurrency: 'COP' }).ListPrice?.value, 640_000_000);
  });
  it('"está bien" with no figure before it is no retraction', () => {
    const text =
      'Casa en Laureles, Medellín, 3 hab\n$640 millones\nperdón son 4 hab\nestá bien ubicada';
    assert.equal(fields(text, { defaultCurrency: 'COP' }).BedroomsTotal?.value, 4);
  });
  it('"mantém-se 1.200" and "السعر 950 زي ما هو"', () => {
    const pt =
      'Apartamento T1 para arrendar no Porto, 1.200€/mês\n1.100€ desculpa\nafinal mantém-se 1.200';
    assert.equal(fields(pt, { defaultCurrency: 'EUR' }).ListPrice?.value, 1200);
    const ar = 'شقة للبيع في عبدون، 200م، 3 نوم، 950 ألف دينار\nعفوا 900\nلا السعر 950 زي ما هو';
    assert.equal(fields(ar, { defaultCurrency: 'JOD' }).ListPrice?.value, 950_000);
  });
});

describe('an ordinal bedroom that outnumbers the count', () => {
  it('"the study counts as a 3rd bedroom" after "2 bed"', () => {
    const text =
      'Terrace for sale, 2 bed, 1 bath\n£310,000\nsorry, the study counts as a 3rd bedroom';
    assert.equal(fields(text, { defaultCurrency: 'GBP' }).BedroomsTotal?.value, 3);
  });
  it('one within the count names a room', () => {
    const text = 'Terrace for sale, 3 bed, 1 bath\n£310,000\nsorry, the 2nd bedroom is a single';
    assert.equal(fields(text, { defaultCurrency: 'GBP' }).BedroomsTotal?.value, 3);
  });
});

describe('a withdrawn price names the field', () => {
  it('"sorry, 160m not 145m" after "N145m" is the price, not metres', () => {
    const text = '3 bedroom terrace duplex in Ikoyi\nAsking N145m\nsorry, 160m not 145m';
    const e = fields(text, ngn);
    assert.equal(e.ListPrice?.value, 160_000_000);
    assert.equal(e.LivingArea, undefined);
  });
  it("a size that only shares the price's digits stays a size", () => {
    const text = '3 bed house for sale 1,200 sqft\n$1,200,000\nsorry 1,250 sqft not 1,200';
    const e = fields(text, usd);
    assert.equal(e.ListPrice?.value, 1_200_000);
    assert.equal(e.LivingArea?.value, 1250);
  });
});

describe('a price given only as a reduction sizes the deal', () => {
  it('"Was $X, now $Y": the new price, and a sale', () => {
    const text = '4 bed colonial in Raleigh, 3 bath\nWas $735,000, now $699,000';
    const e = fields(text, usd);
    assert.equal(e.ListPrice?.value, 699_000);
    assert.equal(e.ListingType?.value, 'sale');
  });
});

describe('a price-list line for another unit type corrects nothing', () => {
  it('duplex, penthouse, cobertura, دوبلكس', () => {
    const es = 'Depto 2 hab en venta\nUSD 210.000\nDúplex: USD 290.000';
    assert.equal(fields(es, usd).ListPrice?.value, 210_000);
    const en = '1 bed condo in Midtown\nAsking $380,000\nPenthouse $1,150,000';
    assert.equal(fields(en, usd).ListPrice?.value, 380_000);
    const pt = 'Apartamento 3 quartos à venda\nR$ 690 mil\nCobertura: R$ 980 mil';
    assert.equal(fields(pt, brl).ListPrice?.value, 690_000);
    const ar = 'شقة للبيع في الشيخ زايد 3 غرف\n٢.٤ مليون\nدوبلكس: ٣.١ مليون';
    assert.equal(fields(ar, egp).ListPrice?.value, 2_400_000);
  });
});

describe('a currency symbol opening the next line', () => {
  it('belongs to the next amount, not to a year ending the line before', () => {
    const text =
      'Depa en preventa en Cancún, 2 rec, entrega 2027\n$3,900,000 MXN\ncorrijo: son 3 rec';
    const e = fields(text, mxn);
    assert.equal(e.ListPrice?.value, 3_900_000);
    assert.equal(e.BedroomsTotal?.value, 3);
  });
});
