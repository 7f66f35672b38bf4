import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractListing } from '../../lib/ai/extraction';

/** Bedrooms, and bathrooms as the benchmark counts them (a half bath is 0.5). */
function rooms(text: string): { beds?: number; baths?: number } {
  const f = extractListing(text).fields;
  const total = f.BathroomsTotalInteger?.value;
  const half = f.BathroomsHalf?.value ?? 0;
  return {
    ...(f.BedroomsTotal ? { beds: f.BedroomsTotal.value } : {}),
    ...(total !== undefined ? { baths: total - half + half / 2 } : {}),
  };
}

describe('room nouns agents shorten or write in another language', () => {
  it('reads French bathrooms, the Brazilian "banh" and the Levantine "نوم"', () => {
    assert.equal(rooms('Plateau, 3 chambres, 2 salles de bain, balcon').baths, 2);
    assert.equal(rooms('Apto Moema 2 dorm 1 banh 60m²').baths, 1);
    assert.deepEqual(rooms('شقة للإيجار بالحمرا 3 نوم و2 حمام'), { beds: 3, baths: 2 });
  });

  it("counts the guests' bathroom of a Peruvian flat as a half bath", () => {
    assert.equal(rooms('Depa en San Isidro, 3 dorm, 3 baños + 1 de visita').baths, 3.5);
  });
});

describe('half baths named after the full ones, and one bathroom per room', () => {
  it("adds a guests' or downstairs toilet as a half bath", () => {
    assert.equal(rooms('Ajah 3 bed terrace, 3 baths + visitors toilet').baths, 3.5);
    assert.equal(rooms('Cosy 2 bed cottage, 1 bathroom, downstairs WC').baths, 1.5);
    assert.equal(rooms('فيلا 5 غرف نوم، 5 حمامات + حمام ضيوف').baths, 5.5);
    assert.equal(rooms('Semi-detached 3 bed, 2 bathrooms, 1 wc').baths, 2);
  });

  it('counts a bathroom for each room said to have one', () => {
    assert.deepEqual(rooms('Casa 3 recámaras cada una con baño, jardín'), { beds: 3, baths: 3 });
    assert.deepEqual(rooms('Casa térrea, 3 suítes (cada uma com banheiro) + lavabo'), {
      beds: 3,
      baths: 3.5,
    });
    assert.equal(rooms('Farmhouse, 4 bedrooms each with its own bathroom').baths, 4);
  });

  it('adds a half bath to bathrooms named one by one', () => {
    assert.equal(rooms('Apto 3 alcobas: baño principal, baño social y medio baño').baths, 2.5);
  });
});

describe('floor-by-floor plans headed by a bare level name', () => {
  it('adds up "Main:", "Upper:" and "Lower:" lines', () => {
    const text =
      'Detached home for sale\nMain: kitchen, family room, powder room\nUpper: 3 bedrooms, 2 full baths\nLower: 1 bedroom, 1 full bath';
    assert.deepEqual(rooms(text), { beds: 4, baths: 3.5 });
  });

  it('reads "الأرضي:" as the ground floor, and "2do piso" as a floor', () => {
    const ar = 'بيت للبيع\nالأرضي: مجلس ومطبخ وحمام\nالدور الأول: 4 غرف نوم و 3 حمام';
    assert.deepEqual(rooms(ar), { beds: 4, baths: 4 });
    const es = 'Casa\n1er piso: sala, cocina, baño de visita\n2do piso: 3 dormitorios, 2 baños';
    assert.deepEqual(rooms(es), { beds: 3, baths: 2.5 });
  });
});

const area = (text: string) => {
  const f = extractListing(text).fields;
  return f.LivingArea?.value ?? f.LotSizeArea?.value;
};

describe('the built size beside the plot', () => {
  it('takes the plot word nearer the number over a living word before it', () => {
    assert.equal(area('Quinta 300 m2 construidos sobre terreno de 5.000 m2'), 300);
    assert.equal(area('Villa 180 m² built, parcela 900 m²'), 180);
    assert.equal(area('Erf 800m², house 240m², 3 beds'), 240);
  });

  it('reads Quebec square feet and leaves an Arabic distance alone', () => {
    assert.equal(area('Condo 2 chambres, 950 pi², Rosemont'), 950);
    assert.equal(area('شقة للإيجار، قريبة من الشاطئ 300 متر'), undefined);
  });
});

describe('beds and baths written as a pair', () => {
  it('reads a pair before the living area or an American house style', () => {
    assert.deepEqual(rooms('Condo in Coral Gables – 3/2, 1,450 sqft, pool'), { beds: 3, baths: 2 });
    assert.deepEqual(rooms('Austin 4/2 ranch on a quiet street'), { beds: 4, baths: 2 });
    assert.deepEqual(rooms('Showings on 3/2, 10 am to noon'), {});
  });
});
