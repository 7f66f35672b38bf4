import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractListing } from '../../lib/ai/extraction';

/** Regional shorthand for room counts. */
const rooms = (text: string) => {
  const { fields } = extractListing(text);
  return { beds: fields.BedroomsTotal?.value, baths: fields.BathroomsTotalInteger?.value };
};

describe('room shorthand', () => {
  it('Chile: "5D 4B" is five bedrooms and four bathrooms; "3D" alone is not', () => {
    assert.deepEqual(rooms('Casa en venta, Vitacura\nUF 22.000\n5D 4B'), { beds: 5, baths: 4 });
    assert.deepEqual(rooms('Depto en arriendo, 3D+2B, Ñuñoa'), { beds: 3, baths: 2 });
    assert.equal(rooms('Casa en venta con tour 3D').beds, undefined);
  });

  it('Argentina: "3 ambientes" counts the living room, so two bedrooms', () => {
    assert.equal(rooms('Venta PH 3 ambientes, Villa Crespo\nu$s 128.000').beds, 2);
    assert.equal(rooms('Depto 4 ambientes, 3 dormitorios y 2 baños').beds, 3);
  });

  it('Portugal: a house\'s typology "Moradia V3" is three bedrooms', () => {
    assert.equal(rooms('Moradia V3 à venda em Sintra\n545.000€').beds, 3);
  });

  it('Egypt: "أوضتين" is two rooms and "٣ أوض" three', () => {
    assert.equal(rooms('شقة للإيجار في المهندسين\nأوضتين وحمام').beds, 2);
    assert.equal(rooms('شقة للبيع ٣ أوض و٢ حمام').beds, 3);
  });

  it('French, beside Arabic in Morocco: "4 chambres"', () => {
    assert.equal(rooms('Villa à vendre à Tanger\n4 chambres, piscine').beds, 4);
  });
});
