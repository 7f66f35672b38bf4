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

const area = (text: string) => {
  const f = extractListing(text).fields;
  return f.LivingArea?.value ?? f.LotSizeArea?.value;
};

describe('room counts in shorthand', () => {
  it('reads "3/2" and "4/3/2" next to the dwelling, and "4x3" in Caribbean ads', () => {
    assert.deepEqual(rooms('Cute 3/2 house in Tampa, $2,150/mo'), { beds: 3, baths: 2 });
    assert.deepEqual(rooms('Orlando 4/3/2 pool home for sale'), { beds: 4, baths: 3 });
    assert.deepEqual(rooms('Casa 4x3 en Santo Domingo, terraza'), { beds: 4, baths: 3 });
    assert.deepEqual(rooms('Vendo apartamento 3x2 en Panamá, 110 mts'), { beds: 3, baths: 2 });
  });

  it('leaves plot sides, dates and fractions alone', () => {
    assert.deepEqual(rooms('Terreno de 10x30 en venta, 300 m2'), {});
    assert.deepEqual(rooms('Casa en lote 8x9, ver fotos'), {});
    assert.deepEqual(rooms('House on 1/2 acre, open 3/2/2024'), {});
    assert.deepEqual(rooms('Casa 5x6 m de sala'), {});
  });

  it('reads nouns of any language whatever the burst is detected as', () => {
    assert.deepEqual(rooms('Casa 4 hab 3 baños, 220 m2, corner lot, pool, gated community'), {
      beds: 4,
      baths: 3,
    });
    assert.deepEqual(rooms('Villa in Dubai Hills - فيلا 4 غرف نوم, 5 bathrooms'), {
      beds: 4,
      baths: 5,
    });
    assert.deepEqual(rooms('Moradia T4 em Cascais, 3 casas de banho'), { beds: 4, baths: 3 });
  });
});

describe('half baths and bathrooms counted one by one', () => {
  it('adds a half bath to the full ones', () => {
    assert.equal(rooms('Colonial 4 bd, 2 full + 1 half bath').baths, 2.5);
    assert.equal(rooms('Piso 3 habitaciones, 2 baños y 1 aseo').baths, 2.5);
    assert.equal(rooms('Apartamento 4 quartos, 3 banheiros, toilette').baths, 3.5);
    assert.equal(rooms('Depto 2 rec, un baño completo y un medio baño').baths, 1.5);
  });

  it('reads "a bath and a half", "baño y medio", "حمام ونص" and Indian "toilets"', () => {
    assert.equal(rooms('Cottage with a bath and a half').baths, 1.5);
    assert.equal(rooms('Depto 2 rec, baño y medio').baths, 1.5);
    assert.equal(rooms('شقة غرفتين نوم وحمام ونص').baths, 1.5);
    assert.deepEqual(rooms('3 BHK, 3 toilets'), { beds: 3, baths: 3 });
  });

  it('reads "Bedrooms 3 Bathrooms 2" without colons, and not "3 beds 2 baths" backwards', () => {
    assert.deepEqual(rooms('Bedrooms 3 Bathrooms 2'), { beds: 3, baths: 2 });
    assert.deepEqual(rooms('Habitaciones 3, baños 2'), { beds: 3, baths: 2 });
    assert.deepEqual(rooms('3 beds 2 baths 2 car garage'), { beds: 3, baths: 2 });
  });

  it('counts "one bathroom upstairs and another downstairs" as two', () => {
    assert.equal(rooms('Cottage, one bathroom upstairs and another downstairs').baths, 2);
  });
});

describe('floor-by-floor plans', () => {
  it('adds up each floor', () => {
    const en = 'Ground floor: 1 bed 1 bath, kitchen\nUpstairs: 3 beds 2 baths';
    assert.deepEqual(rooms(en), { beds: 4, baths: 3 });
    const es = 'planta baja sala, cocina y medio baño; planta alta 3 recámaras y 2 baños completos';
    assert.deepEqual(rooms(es), { beds: 3, baths: 2.5 });
    const ar = 'فيلا دورين: الدور الأرضي غرفة نوم وحمام، الدور الأول 4 غرف نوم و3 حمامات';
    assert.deepEqual(rooms(ar), { beds: 5, baths: 4 });
  });

  it('keeps a headline total, and does not add up the same floor named twice', () => {
    assert.equal(rooms('4 bedrooms. Ground floor: 1 bedroom. Upstairs: 3 bedrooms').beds, 4);
    assert.equal(rooms('First Floor One Bed $1600. This first floor one bed is bright').beds, 1);
  });

  it('does not add up rooms that may be offices or stores', () => {
    const text =
      'الدور الأرضي صالة + ٣ حمامات + ٤ غرف أو مكاتب. الدور الثاني: ٤ غرف أو مكاتب بحمامين';
    assert.notEqual(rooms(text).beds, 8);
  });
});

describe('Arabic rooms without a count', () => {
  it('reads "غرفة وصالة وحمام" as one bedroom and one bathroom; the hall is not a bedroom', () => {
    assert.deepEqual(rooms('شقة غرفة وصالة وحمام للإيجار في دبي'), { beds: 1, baths: 1 });
    assert.deepEqual(rooms('شقة 3 غرف وصالتين و2 حمام'), { beds: 3, baths: 2 });
  });

  it('does not count a pool as a bathroom, nor several uncounted bathrooms as one', () => {
    assert.equal(rooms('فيلا 4 غرف نوم مع حمام سباحة').baths, undefined);
    assert.equal(rooms('مجلس رجال ودورة مياه، صالة ودورة مياه، مطبخ').baths, undefined);
  });
});

describe('sizes', () => {
  it('does not read millions, frontages, distances or ranges as the size', () => {
    assert.equal(area('Lekki 4 bed duplex N85m'), undefined);
    assert.equal(area('Villa AED 12m, 5 beds'), undefined);
    assert.equal(area('Plot 300 m2, 10 m frontage'), 300);
    assert.equal(area('Apartment 500m to the beach, 2 beds'), undefined);
    assert.equal(area('Apartamentos de 80 a 100 m2'), undefined);
  });

  it('reads "sq.mt", "مترا مربعا" and "هكتار"', () => {
    assert.equal(area('flat 120 sq.mt'), 120);
    assert.equal(area('شقة 150 مترا مربعا'), 150);
    assert.equal(area('مزرعة 5 هكتار'), 5);
  });
});
