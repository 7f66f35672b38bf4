import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cleanMessage, composeSource, readingsOf } from '../../lib/ai/normalize';
import { mergeReadings } from '../../lib/ai/merge';
import { extractListing } from '../../lib/ai/extraction';

/** The submission's text, and how corrections merge into the listing. */

test('cleaning: invisible marks, WhatsApp formatting, struck-through old values', () => {
  assert.equal(
    cleanMessage('*3 bed* flat\u200b in _Dubai_   Marina'),
    '3 bed flat in Dubai Marina',
  );
  assert.equal(cleanMessage('Rent ~45k~ 42k per month'), 'Rent 42k per month');
  assert.equal(cleanMessage('line one\r\n\r\n\r\n  line two  '), 'line one\n\nline two');
  assert.equal(cleanMessage('snake_case_word and 2*3 stay'), 'snake_case_word and 2*3 stay');
});

test('the burst joins in order, corrections follow as their own segments', () => {
  const source = composeSource([
    { messageId: 'c1', kind: 'correction', text: 'correction: rent is 42k not 45k' },
    { messageId: 'm1', kind: 'submission', text: '2 bed apartment in Nairobi' },
    { messageId: 'm2', kind: 'submission', text: 'Ksh 45k p.m., 1 bath' },
  ]);
  assert.equal(
    source.text,
    '2 bed apartment in Nairobi\nKsh 45k p.m., 1 bath\n\ncorrection: rent is 42k not 45k',
  );
  assert.deepEqual(
    source.segments.map((s) => [s.messageId, s.kind, source.text.slice(s.start, s.end)]),
    [
      ['m1', 'submission', '2 bed apartment in Nairobi'],
      ['m2', 'submission', 'Ksh 45k p.m., 1 bath'],
      ['c1', 'correction', 'correction: rent is 42k not 45k'],
    ],
  );
  assert.deepEqual(
    readingsOf(source).map((r) => [r.kind, source.text.slice(r.start, r.end)]),
    [
      ['submission', '2 bed apartment in Nairobi\nKsh 45k p.m., 1 bath'],
      ['correction', 'correction: rent is 42k not 45k'],
    ],
  );
});

test('a correction overrides what it states, nothing else; the default currency never overrides', () => {
  const source = composeSource([
    {
      messageId: 'm1',
      kind: 'submission',
      text: '2 bed apartment for rent, Ksh 45,000 per month, gym',
    },
    {
      messageId: 'c1',
      kind: 'correction',
      text: 'correction: rent is 42k not 45k, also has a pool',
    },
  ]);
  const readings = readingsOf(source).map((r) => ({
    kind: r.kind,
    messageId: r.messageId,
    offset: r.start,
    extraction: extractListing(source.text.slice(r.start, r.end), { defaultCurrency: 'USD' }),
  }));
  const merged = mergeReadings(readings, 'en');
  assert.equal(merged.fields.ListPrice?.value, 42000);
  assert.equal(merged.fields.Currency?.value, 'KES', 'the written currency stays');
  assert.equal(merged.fields.BedroomsTotal?.value, 2);
  assert.deepEqual(
    merged.fields.Features?.map((f) => f.value),
    ['gym', 'pool'],
  );
  assert.deepEqual(merged.origins.ListPrice, { kind: 'correction', messageId: 'c1' });
  assert.deepEqual(merged.origins.BedroomsTotal, { kind: 'submission' });
  const price = merged.fields.ListPrice.evidence!;
  assert.equal(source.text.slice(price.start, price.end), price.text);
  assert.equal(price.text, '42k');
});
