import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractListing } from '../../lib/ai/extraction';
import { featureKeys } from './expect';

const features = (text: string) => featureKeys(extractListing(text)).sort();

describe('features in the words agents use', () => {
  it('reads plurals and regional words', () => {
    assert.deepEqual(features('Office in a building with 3 elevators'), ['elevator']);
    assert.deepEqual(features('Depto con alberca, 2 parqueos'), ['parking', 'pool']);
    assert.deepEqual(features('Apartamento T3, ginásio e piscina no condomínio'), ['gym', 'pool']);
  });

  it('reads Arabic views, corners, terraces and lifts', () => {
    assert.deepEqual(features('شقة فيو البحر، أسانسير'), ['elevator', 'sea_view']);
    assert.deepEqual(features('شقة تطل على النيل مباشرة، جراج'), ['parking', 'river_view']);
    assert.deepEqual(features('شقة ناصية، بلكونتين، تراس كبير'), [
      'balcony',
      'corner_unit',
      'terrace',
    ]);
    assert.deepEqual(features('فيلا مسابح وحدائق'), ['garden', 'pool']);
    assert.deepEqual(features('نادي صحي وملعب أطفال'), ['gym', 'playground']);
  });

  it('does not read a row house or a district as a feature', () => {
    assert.deepEqual(features('Lagos 4 bedroom terrace duplex'), []);
    assert.deepEqual(features('Flat in Garden City, Cairo'), []);
  });
});
