import { describe, it } from 'node:test';
import { extractListing } from '../../lib/ai/extraction';
import { expectField } from './expect';

/** Prices written out in words, as agents dictate them, and fixes sent the same way. */
describe('prices spelled out in words', () => {
  it('reads thousands of millions the Spanish way: "dos mil quinientos millones"', () => {
    const text = 'Finca en venta en El Retiro\nPrecio: dos mil quinientos millones de pesos';
    const e = extractListing(text, { defaultCurrency: 'COP' });
    expectField(text, e, 'ListPrice', 2_500_000_000, 'dos mil quinientos millones de pesos');
  });

  it('adds Arabic hundreds of thousands spelled after the millions: "مليون وخمسمية ألف"', () => {
    const text = 'شقة للبيع في جدة\nالسعر مليون وخمسمية ألف ريال';
    const e = extractListing(text, { defaultCurrency: 'SAR' });
    expectField(text, e, 'ListPrice', 1_500_000, 'مليون وخمسمية ألف ريال');
  });

  it('takes a correction spelled in words, with no currency, as the new price', () => {
    const text =
      'Ranch house for sale, 3 bed 2 bath\n$510,000\nsorry, four hundred ninety thousand';
    const e = extractListing(text, { defaultCurrency: 'USD' });
    expectField(text, e, 'ListPrice', 490_000, 'four hundred ninety thousand');
  });
});
