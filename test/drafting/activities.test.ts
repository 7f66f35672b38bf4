import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomBytes, randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedAgency, type SeededAgency } from '../support/agency';
import { testActivityDeps } from '../support/worker';
import { sceneJpeg } from '../support/photos';
import { createSecretBox } from '../../lib/crypto/secretBox';
import { createActivities, type ActivityDeps } from '../../activities';
import { createLocalProvider } from '../../lib/ai/local';
import { AIProviderError } from '../../lib/ai/errors';
import type { AIProvider } from '../../lib/ai/provider';
import { inboundMessage } from './submission';

/**
 * The drafting activities one by one, in Temporal's mock activity context, on the real
 * database (through the application role and its row-level security) and real local storage.
 */

let db: TestDatabase;
let deps: ActivityDeps;
let acts: ReturnType<typeof createActivities>;
const secrets = createSecretBox(randomBytes(32).toString('base64'));
const env = new MockActivityEnvironment();
/** Runs an activity in the mock context, typed by the activity itself. */
const run = <I, O>(activity: (input: I) => Promise<O>, input: I): Promise<O> =>
  env.run<[I], O, (input: I) => Promise<O>>(activity, input);

before(async () => {
  db = await createTestDatabase();
  deps = testActivityDeps(db.app, secrets, 'http://127.0.0.1:1');
  acts = createActivities(deps);
});
after(() => db.drop());

async function listingWith(agency: SeededAgency, texts: string[]) {
  const listingId = randomUUID();
  await db.owner('listings').insert({
    id: listingId,
    agency_id: agency.agencyId,
    agent_user_id: agency.agentId,
    status: 'drafting',
  });
  for (const text of texts) await inboundMessage(db, agency, { text, listingId });
  return listingId;
}

const listingRow = (id: string) => db.owner('listings').where({ id }).first();

describe('normalize and extract', () => {
  test('texts joined, "done" dropped, corrections linked and appended, language detected', async () => {
    const agency = await seedAgency(db, secrets, { accessToken: 't', language: 'en' });
    const listingId = await listingWith(agency, [
      '*Apartamento* en venta en Bogotá, 3 habitaciones',
      '2 baños, 85 m2, $450 millones',
      'listo',
    ]);
    const correction = await inboundMessage(db, agency, { text: 'corrección: son 4 habitaciones' });
    const result = await run(acts.normalizeSubmission, {
      agencyId: agency.agencyId,
      listingId,
      correctionIds: [correction],
    });
    assert.equal(result.language, 'es');
    assert.deepEqual(result.photoIds, []);
    const row = await listingRow(listingId);
    assert.equal(
      row.source_text,
      'Apartamento en venta en Bogotá, 3 habitaciones\n2 baños, 85 m2, $450 millones\n\ncorrección: son 4 habitaciones',
    );
    assert.equal(row.language, 'es');
    assert.equal(row.extras.source.segments.length, 3);
    assert.equal(
      (await db.owner('inbound_messages').where({ id: correction }).first()).listing_id,
      listingId,
    );

    const extracted = await run(acts.extractListingFields, {
      agencyId: agency.agencyId,
      listingId,
    });
    const after = await listingRow(listingId);
    assert.equal(after.bedrooms_total, 4, 'the correction wins');
    assert.equal(after.bathrooms_total_integer, 2);
    assert.equal(Number(after.list_price), 450_000_000);
    assert.equal(after.evidence.BedroomsTotal.source.kind, 'correction');
    assert.equal(after.evidence.BedroomsTotal.text, '4 habitaciones');
    assert.equal(after.extras.extraction.provider, 'local');
    assert.ok(
      extracted.changed.includes('BedroomsTotal') && extracted.changed.includes('ListPrice'),
    );
  });

  test("an operator's edit survives re-extraction; a value the text no longer states is emptied", async () => {
    const agency = await seedAgency(db, secrets, { accessToken: 't' });
    const listingId = await listingWith(agency, [
      '3 bed flat in Dubai, AED 1,450,000, 2 baths, gym',
    ]);
    await run(acts.normalizeSubmission, {
      agencyId: agency.agencyId,
      listingId,
      correctionIds: [],
    });
    await run(acts.extractListingFields, { agencyId: agency.agencyId, listingId });
    await db
      .owner('listings')
      .where({ id: listingId })
      .update({
        bedrooms_total: 4,
        year_built: 2015,
        extras: db.owner.raw(`extras || '{"operatorEdits": {"BedroomsTotal": true}}'::jsonb`),
      });
    const again = await run(acts.extractListingFields, { agencyId: agency.agencyId, listingId });
    const row = await listingRow(listingId);
    assert.equal(row.bedrooms_total, 4, 'kept');
    assert.equal(row.year_built, null, 'no message states a year');
    assert.deepEqual(again.changed, ['YearBuilt']);
  });
});

describe('photos', () => {
  async function storedPhoto(agency: SeededAgency, listingId: string, bytes: Buffer) {
    const key = `${agency.agencyId}/listings/${listingId}/${randomUUID()}.jpg`;
    await deps.storage.put(key, bytes, { contentType: 'image/jpeg' });
    const [asset] = await db
      .owner('listing_assets')
      .insert({
        agency_id: agency.agencyId,
        listing_id: listingId,
        storage_key: key,
        status: 'stored',
      })
      .returning('id');
    return asset.id as string;
  }

  test('measured, described, then ordered and captioned', async () => {
    const agency = await seedAgency(db, secrets, { accessToken: 't' });
    const listingId = await listingWith(agency, ['flat']);
    const ids = [
      await storedPhoto(
        agency,
        listingId,
        await sceneJpeg({ seed: 61, width: 1000, height: 1500 }),
      ),
      await storedPhoto(agency, listingId, await sceneJpeg({ seed: 62, sky: true })),
    ];
    for (const assetId of ids) {
      const r = await run(acts.analysePhoto, {
        agencyId: agency.agencyId,
        assetId,
        language: 'es',
      });
      assert.equal(r.readable, true);
    }
    const gallery = await run(acts.arrangeGallery, {
      agencyId: agency.agencyId,
      listingId,
      language: 'es',
      photoIds: ids,
    });
    assert.deepEqual(gallery, { photos: 2, duplicates: 0, flagged: 0, coverId: ids[1] });
    const rows = await db.owner('listing_assets').whereIn('id', ids).orderBy('order');
    assert.deepEqual(
      rows.map((r) => [r.id, r.order, r.image_of, r.long_description]),
      [
        [ids[1], 0, 'exterior', 'Exterior'],
        [ids[0], 1, null, 'Foto 2'],
      ],
    );
    assert.equal(rows[0].quality.description.provider, 'local');
    assert.match(rows[0].phash, /^[0-9a-f]{16}$/);
  });

  test('a file that is no image is skipped with the reason; a missing file fails for good', async () => {
    const agency = await seedAgency(db, secrets, { accessToken: 't' });
    const listingId = await listingWith(agency, ['flat']);
    const broken = await storedPhoto(agency, listingId, Buffer.from('not a jpeg at all'));
    const r = await run(acts.analysePhoto, {
      agencyId: agency.agencyId,
      assetId: broken,
      language: 'en',
    });
    assert.equal(r.readable, false);
    const row = await db.owner('listing_assets').where({ id: broken }).first();
    assert.equal(row.status, 'skipped');
    assert.match(row.skip_reason, /^not a readable image/);

    const [missing] = await db
      .owner('listing_assets')
      .insert({
        agency_id: agency.agencyId,
        listing_id: listingId,
        storage_key: `${agency.agencyId}/listings/${listingId}/gone.jpg`,
        status: 'stored',
      })
      .returning('id');
    await assert.rejects(
      run(acts.analysePhoto, { agencyId: agency.agencyId, assetId: missing.id, language: 'en' }),
      (err: unknown) =>
        err instanceof ApplicationFailure && err.nonRetryable && err.type === 'PhotoMissing',
    );
  });
});

describe('generate, check, save', () => {
  /** The local provider, but its copy says what a careless model might. */
  const careless = (): AIProvider => {
    const local = createLocalProvider();
    return {
      ...local,
      async generateCopy(request, opts) {
        const call = await local.generateCopy(request, opts);
        return {
          ...call,
          value: {
            ...call.value,
            long: `${call.value.long}\n\nPerfect for young couples, 5 minutes from the beach. Huge master bedroom.`,
          },
        };
      },
    };
  };

  async function drafted(agencyOpts: { language?: string } = {}) {
    const agency = await seedAgency(db, secrets, { accessToken: 't', ...agencyOpts });
    const listingId = await listingWith(agency, [
      '3 bed flat for sale in Dubai, AED 1,450,000, 2 baths, pool',
    ]);
    await run(acts.normalizeSubmission, {
      agencyId: agency.agencyId,
      listingId,
      correctionIds: [],
    });
    await run(acts.extractListingFields, { agencyId: agency.agencyId, listingId });
    return { agency, listingId };
  }

  test('checks are stored with each draft; an invented fact and a fair-housing phrase block', async () => {
    const { agency, listingId } = await drafted();
    const a = createActivities({ ...deps, ai: { ...deps.ai, provider: careless() } });
    const input = { agencyId: agency.agencyId, listingId, revision: 1 };
    await run(a.generateDrafts, input);
    await run(a.generateDrafts, input); // a retried attempt
    const candidates = await db
      .owner('drafts')
      .where({ listing_id: listingId, status: 'candidate' });
    assert.equal(candidates.length, 7, 'a retry leaves one set');
    const summary = await run(a.checkDrafts, input);
    assert.equal(summary.checked, 7);
    assert.equal(summary.blocking, 2);
    const saved = await run(a.saveDrafts, input);
    assert.deepEqual(saved, {
      title: '3-bedroom apartment for sale in Dubai',
      drafts: 7,
      blocked: 1,
      warned: 0,
    });
    const long = await db
      .owner('drafts')
      .where({ listing_id: listingId, kind: 'description_long', status: 'generated' })
      .first();
    assert.equal(long.check_status, 'blocking');
    assert.deepEqual(
      long.checks.map((f: any) => [f.check, f.rule, f.span.text, f.severity]),
      [
        ['fair_housing', 'fh.familial.couples', 'Perfect for young couples', 'blocking'],
        ['grounding', 'grounding.number', '5', 'blocking'],
      ].sort((x, y) => long.content.indexOf(x[2]) - long.content.indexOf(y[2])),
    );
    for (const f of long.checks) {
      assert.equal(long.content.slice(f.span.start, f.span.end), f.span.text);
      assert.ok(f.id && f.version && f.message);
    }
    const listing = await listingRow(listingId);
    assert.equal(listing.title, '3-bedroom apartment for sale in Dubai');
    assert.equal(listing.public_remarks, long.content);
  });

  test('a second language, and re-checking current drafts after an operator edit', async () => {
    const { agency, listingId } = await drafted();
    await db
      .owner('agencies')
      .where({ id: agency.agencyId })
      .update({ settings: JSON.stringify({ drafting: { secondLanguage: 'es' } }) });
    const input = { agencyId: agency.agencyId, listingId, revision: 1 };
    const generated = await run(acts.generateDrafts, input);
    assert.deepEqual(generated, { drafts: 9, languages: ['en', 'es'] });
    await run(acts.checkDrafts, input);
    await run(acts.saveDrafts, input);
    const es = await db.owner('drafts').where({ listing_id: listingId, language: 'es' });
    assert.deepEqual(es.map((d) => d.kind).sort(), ['description_long', 'description_short']);

    const x = await db
      .owner('drafts')
      .where({ listing_id: listingId, platform: 'x', status: 'generated' })
      .first();
    await db
      .owner('drafts')
      .where({ id: x.id })
      .update({ status: 'edited', content: `No kids. ${'a'.repeat(300)} {{link}}` });
    const summary = await run(acts.checkDrafts, { agencyId: agency.agencyId, listingId });
    assert.equal(summary.checked, 9);
    const edited = await db.owner('drafts').where({ id: x.id }).first();
    assert.equal(edited.check_status, 'blocking');
    assert.deepEqual(edited.checks.map((f: any) => f.rule).sort(), [
      'fh.familial.children',
      'x.length',
    ]);
  });

  test("a provider's 429 becomes a retry after its Retry-After; a refusal does not retry", async () => {
    const { agency, listingId } = await drafted();
    const failing = (err: AIProviderError): AIProvider => ({
      ...createLocalProvider(),
      generateCopy: () => Promise.reject(err),
    });
    const limited = createActivities({
      ...deps,
      ai: {
        ...deps.ai,
        provider: failing(
          new AIProviderError('rate_limited', 'slow down', { status: 429, retryAfterMs: 4000 }),
        ),
      },
    });
    await assert.rejects(
      run(limited.generateDrafts, { agencyId: agency.agencyId, listingId, revision: 1 }),
      (err: unknown) =>
        err instanceof ApplicationFailure &&
        err.type === 'AIRateLimited' &&
        !err.nonRetryable &&
        err.nextRetryDelay === 4000,
    );
    const refused = createActivities({
      ...deps,
      ai: {
        ...deps.ai,
        provider: failing(new AIProviderError('refused', 'The model refused: no')),
      },
    });
    await assert.rejects(
      run(refused.generateDrafts, { agencyId: agency.agencyId, listingId, revision: 1 }),
      (err: unknown) =>
        err instanceof ApplicationFailure && err.type === 'AIRefused' && err.nonRetryable,
    );
  });
});
