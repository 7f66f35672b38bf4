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
