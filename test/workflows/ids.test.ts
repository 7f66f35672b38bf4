import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createHash, randomBytes } from 'node:crypto';
import { sha256Hex } from '../../workflows/shared/digest';
import {
  intakeWorkflowId,
  listingWorkflowId,
  unknownSenderWorkflowId,
} from '../../workflows/shared/ids';

test('the sandbox-safe SHA-256 agrees with node:crypto on every length and script', () => {
  const inputs = ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'عقار جديد 🏠'];
  for (let i = 0; i < 40; i++) inputs.push(randomBytes(i * 7).toString('base64'));
  for (const text of inputs)
    assert.equal(sha256Hex(text), createHash('sha256').update(text).digest('hex'), text);
});

test('workflow ids are deterministic, begin with the agency and carry no phone number', () => {
  const agency = '6f1c1a55-0000-4000-8000-000000000001';
  const phone = '972501234567';
  const ids = [intakeWorkflowId(agency, phone), unknownSenderWorkflowId(agency, phone)];
  for (const id of ids) {
    assert.ok(id.includes(agency));
    assert.ok(!id.includes(phone), id);
    assert.ok(!id.includes(phone.slice(-7)), id);
  }
  assert.equal(intakeWorkflowId(agency, phone), intakeWorkflowId(agency, phone));
  assert.notEqual(intakeWorkflowId(agency, phone), intakeWorkflowId(agency, '972501234568'));
  // The same number at another agency is another sender.
  assert.notEqual(
    intakeWorkflowId(agency, phone).split(':')[2],
    intakeWorkflowId('6f1c1a55-0000-4000-8000-000000000002', phone).split(':')[2],
  );
  assert.equal(listingWorkflowId(agency, 'l-1'), `listing:${agency}:l-1`);
});
