import assert from 'node:assert/strict';
import type { Extraction, ScalarListingField } from '../../lib/domain/listing';

/**
 * Asserts a field's value and that its evidence is exactly `evidenceText`, found at the first
 * place it occurs in `text` at or after `from` (so offsets are checked, not just the words).
 */
export function expectField(
  text: string,
  extraction: Extraction,
  name: ScalarListingField,
  value: unknown,
  evidenceText: string,
  from = 0,
  kind?: 'inferred',
): void {
  const field = extraction.fields[name];
  assert.ok(field, `${name} should be extracted`);
  assert.deepEqual(field.value, value, `${name} value`);
  const start = text.indexOf(evidenceText, from);
  assert.ok(start >= 0, `test bug: "${evidenceText}" is not in the text`);
  assert.deepEqual(
    field.evidence,
    { start, end: start + evidenceText.length, text: evidenceText, ...(kind ? { kind } : {}) },
    `${name} evidence`,
  );
  assert.ok(field.confidence > 0 && field.confidence <= 1, `${name} confidence in (0, 1]`);
}

/** Asserts that fields the text does not state were left out. */
export function expectEmpty(extraction: Extraction, names: readonly ScalarListingField[]): void {
  for (const name of names) {
    assert.equal(extraction.fields[name], undefined, `${name} should stay empty`);
  }
}

export function featureKeys(extraction: Extraction): string[] {
  return (extraction.fields.Features ?? []).map((f) => f.value);
}

/** A value that follows from the evidence rather than being written there (a country from a city). */
export function expectInferred(
  text: string,
  extraction: Extraction,
  name: ScalarListingField,
  value: unknown,
  evidenceText: string,
): void {
  expectField(text, extraction, name, value, evidenceText, 0, 'inferred');
}
