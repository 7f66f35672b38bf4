import assert from 'node:assert/strict';
import { test } from 'node:test';
import { intentOf } from '../../workflows/intake/grouping';

test('finish words in English, Spanish, Portuguese and Arabic close a burst', () => {
  for (const word of ['done', 'Done!', 'listo', 'Listo 👍', 'pronto', 'É isso', 'تم', 'خلاص']) {
    assert.equal(intentOf(word), 'finish', word);
  }
});

test('"new listing" and its translations start a new group, with text after them', () => {
  for (const text of [
    'New listing',
    'new listing: 3 bed flat in Marbella',
    'Nueva propiedad en Chapinero',
    'Novo imóvel',
    'عقار جديد في الرياض',
  ]) {
    assert.equal(intentOf(text), 'new_listing', text);
  }
});

test('corrections are explicit; ordinary listing text is content', () => {
  assert.equal(intentOf('Correction: the price is 450k'), 'correction');
  assert.equal(intentOf('corrección: son 3 habitaciones'), 'correction');
  assert.equal(intentOf('تصحيح السعر ٤٥٠ ألف'), 'correction');
  assert.equal(intentOf('3 bed apartment, done up last year, 450k'), 'content');
  assert.equal(intentOf('Apartamento listo para entrar, 2 habitaciones'), 'content');
  assert.equal(intentOf(undefined), 'content');
});
