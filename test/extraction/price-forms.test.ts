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
  it('a decimal point before a short million mark: "$1.295M"', () => {
    assert.equal(read('Co-op for sale\n$1.295M\n2 bed 2 bath', 'USD').price, 1_295_000);
    assert.equal(read('Depa en venta US$ 2,450 mn').price, 2_450_000);
  });

  it('"1.250 millones" stays thousands of millions, as a Colombian price reads', () => {
    const text = 'Casa en venta en Envigado $1.250 millones';
    assert.equal(read(text, 'COP').price, 1_250_000_000);
  });

  it('"1,2 mi" is millions in Brazil, with or without a currency', () => {
    assert.equal(read('Apto à venda Pinheiros\n1,2 mi\n2 dorms', 'BRL').price, 1_200_000);
    assert.equal(read('Casa à venda R$ 3,5 mi').price, 3_500_000);
  });

  it('thousands grouped by plain spaces: "€ 1 250 000"', () => {
    assert.equal(read('Apartment for sale, Lisbon\n€ 1 250 000\n3 bedrooms').price, 1_250_000);
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
