import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractListing } from '../../lib/ai/extraction';

/**
 * How agents write a price: magnitude marks, separators, currency marks and units of account.
 */
const read = (text: string, defaultCurrency?: string) => {
  const { fields } = extractListing(text, defaultCurrency ? { defaultCurrency } : {});
  return { price: fields.ListPrice?.value, currency: fields.Currency?.value };
};

describe('price forms', () => {
  it('a period opening the next line is not the price\'s: "$450,000" then "monthly HOA $300"', () => {
    const text = 'Condo for sale. Price $450,000\nmonthly HOA $300';
    assert.equal(read(text, 'USD').price, 450_000);
    assert.equal(
      read('Casa en venta $2,300,000\nmensual mantenimiento $1,500', 'MXN').price,
      2_300_000,
    );
  });

  it('a decimal point before a short million mark: "$1.295M"', () => {
    assert.equal(read('Co-op for sale\n$1.295M\n2 bed 2 bath', 'USD').price, 1_295_000);
    assert.equal(read('Penthouse for sale, asking US$ 2.450 mn').price, 2_450_000);
  });

  it('in Spanish, "1.250 millones" and "$1.250M" stay thousands of millions', () => {
    const text = 'Casa en venta en Envigado $1.250 millones';
    assert.equal(read(text, 'COP').price, 1_250_000_000);
    assert.equal(read('Casa en venta en Envigado $1.250M', 'COP').price, 1_250_000_000);
  });

  it('"1,2 mi" is millions in Brazil, with or without a currency', () => {
    assert.equal(read('Apto à venda Pinheiros\n1,2 mi\n2 dorms', 'BRL').price, 1_200_000);
    assert.equal(read('Casa à venda R$ 3,5 mi').price, 3_500_000);
  });

  it('thousands grouped by plain spaces: "€ 1 250 000"', () => {
    assert.equal(read('Apartment for sale, Lisbon\n€ 1 250 000\n3 bedrooms').price, 1_250_000);
  });

  it('one space-grouped thousand is a price only beside a currency: "420 000 €"', () => {
    assert.equal(read('Piso en venta, Valencia\n3 hab, 95 m2\n420 000 €').price, 420_000);
    assert.equal(read('Apartamento T2 para venda\n310 000 EUR').price, 310_000);
    assert.equal(read('Flat for sale in Porto\n€ 385 000, 2 bedrooms').price, 385_000);
    // Without a currency, "3 200" stays two numbers: not a price of 3,200.
    assert.notEqual(read('Flat for sale in Porto\n3 200 sqm plot').price, 3_200);
  });

  it('reads the dollar written after a space-grouped figure, as in Québec: "549 000 $"', () => {
    assert.equal(read('Condo à vendre, Laval. 2 chambres. Prix : 549 000 $', 'CAD').price, 549_000);
    // Not its last group: "1 850 $/mois" is 1,850 a month, never 850.
    assert.equal(read('Appartement à louer Rosemont, 1 850 $/mois', 'CAD').price, 1_850);
    assert.equal(read('Maison 3 chambres, prix 389 900$', 'CAD').price, 389_900);
  });

  it('adds lakhs after crores and half a million after millions', () => {
    assert.equal(
      read('3 BHK for sale in Andheri, asking 2 crore 40 lakh', 'INR').price,
      24_000_000,
    );
    assert.equal(read('Bungalow, Baner. 1 cr 5 lac only', 'INR').price, 10_500_000);
    assert.equal(read('Cobertura à venda, Leblon\nR$ 4 milhões e meio', 'BRL').price, 4_500_000);
    assert.equal(read('Casa en venta, Providencia, 3 millones y medio', 'MXN').price, 3_500_000);
  });

  it('"hazar" is thousands, and a Pakistani rent\'s advance is not the rent', () => {
    const text = 'Flat for rent Gulshan\nRent 65 hazar monthly\nadvance 3 lac\n2 bed';
    assert.equal(read(text, 'PKR').price, 65_000);
  });

  it("the unidad de fomento is Chile's CLF, and the peso figure in brackets is an aside", () => {
    const r = read('Casa en venta, Las Condes\nUF 18.500 (aprox. $700.000.000)', 'CLP');
    assert.deepEqual(r, { price: 18_500, currency: 'CLF' });
  });

  it('"ج.م" is the Egyptian pound, "C$" the Canadian dollar, "QR" the Qatari riyal', () => {
    assert.deepEqual(read('شقة للبيع\n٣,٥٠٠,٠٠٠ ج.م'), { price: 3_500_000, currency: 'EGP' });
    assert.deepEqual(read('Condo for sale\nC$1.05M'), { price: 1_050_000, currency: 'CAD' });
    assert.deepEqual(read('Villa for rent QR 25,000/month'), { price: 25_000, currency: 'QAR' });
  });

  it('a currency ending a line does not make the count on the next line money', () => {
    const text = 'Se vende piso\nprecio a convenir, en euros\n3 dormitorios';
    assert.equal(read(text, 'EUR').price, undefined);
  });
});

describe('prices written out in words', () => {
  it('Spanish: "doscientos ochenta y cinco mil euros", "un millón doscientos mil pesos"', () => {
    const sevilla =
      'Se vende casa en Sevilla\nprecio: doscientos ochenta y cinco mil euros\n3 dormitorios';
    assert.deepEqual(read(sevilla, 'EUR'), { price: 285_000, currency: 'EUR' });
    const gdl = 'Vendo departamento en Guadalajara\nun millón doscientos mil pesos\n2 recámaras';
    assert.equal(read(gdl, 'MXN').price, 1_200_000);
  });

  it('Portuguese and English: "quinhentos e cinquenta mil reais", "two hundred fifty thousand dollars"', () => {
    assert.equal(read('Casa à venda, quinhentos e cinquenta mil reais').price, 550_000);
    assert.equal(read('House for sale, two hundred fifty thousand dollars').price, 250_000);
  });

  it('number words with no currency or price word are a size or a count, not money', () => {
    assert.equal(read('Terreno de mil metros en venta, precio a convenir').price, undefined);
    assert.equal(read('Lot for sale, one thousand sq ft of garden').price, undefined);
  });

  it('digits before "mil" are read as digits: "650 mil" is not doubled by the word scan', () => {
    assert.equal(read('Terreno en venta\n$650 mil', 'MXN').price, 650_000);
  });
});

describe('price ranges', () => {
  it('a range of prices gives no asking price', () => {
    assert.equal(read('House for sale $450,000 - $475,000').price, undefined);
    assert.equal(read('Family home for sale\nOffers between $1.1M - $1.2M').price, undefined);
    assert.equal(read('Casa en venta entre $2.000.000 y $2.300.000', 'COP').price, undefined);
    assert.equal(read('Depto en venta 3 a 3,5 millones', 'MXN').price, undefined);
  });

  it('a dash before a count or after a unit number is no range', () => {
    assert.equal(read('Apartment for rent $1,800 - 2 bed 1 bath').price, 1_800);
    assert.equal(read('Unit 5 - $1,800/mo').price, 1_800);
    assert.equal(read('Casa en venta $2.000.000 y $200.000 de administración', 'COP').price, 2e6);
  });

  it('a rate per m2 with its currency code after the amount is not the price', () => {
    const text = 'Oficina en venta 120 m2\n$2.500 USD el m2, total US$ 300.000';
    assert.equal(read(text, 'USD').price, 300_000);
  });
});
