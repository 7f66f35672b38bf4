import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestApi, type TestApi } from '../support/api';
import { seedAgency } from '../support/agency';

/**
 * A listing started from the app reads, in the Temporal UI's list, as what it is, and names no
 * phone number (every UI user sees it).
 */

let db: TestDatabase;
let api: TestApi;
before(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db);
});
after(async () => {
  await api.close();
  await db.drop();
});

test("the listing workflow's summary and details in the Temporal UI", async () => {
  const agency = await seedAgency(db, api.deps.secrets, { accessToken: 't' });
  const token = await api.deps.accessTokens.issue({
    userId: agency.agentId,
    agencyId: agency.agencyId,
    role: 'agent',
  });
  const form = new FormData();
  form.append('text', '2 bed flat in Lisbon, EUR 300,000');
  form.append('text', 'balcony');
  const res = await fetch(`${api.url}/v1/listings`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  assert.equal(res.status, 201, await res.clone().text());
  const { listing } = (await res.json()) as { listing: { id: string; workflowId: string } };

  const description = await api.deps.temporal.client.workflow
    .getHandle(listing.workflowId)
    .describe();
  const summary = await description.staticSummary();
  const details = await description.staticDetails();
  assert.equal(summary, `Listing ${listing.id.slice(0, 8)} from the app, 2 messages`);
  assert.match(details ?? '', new RegExp(`Agency ${agency.agencyId}, listing ${listing.id}`));
  assert.ok(!`${summary} ${details}`.includes(agency.agentPhone), 'no phone number');
  await api.deps.temporal.client.workflow.getHandle(listing.workflowId).terminate('test done');
});
