import { eventually } from '../support/eventually';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestApi, type TestApi } from '../support/api';
import { seedAgency, type SeededAgency } from '../support/agency';
import { startGraphApiDouble, type GraphApiDouble } from '../support/graphApiDouble';
import { startTestWorker, testActivityDeps, type RunningWorker } from '../support/worker';
import { PDF } from '../support/images';
import { mintApiKey } from '../../lib/accounts/apiKeys';
import { listingWorkflowId } from '../../workflows/shared/ids';
import { listingStatusQuery } from '../../workflows/listing/messages';
import { TenantId } from '../../workflows/shared/searchAttributes';

let db: TestDatabase;
let api: TestApi;
let graph: GraphApiDouble;
let worker: RunningWorker;
let agency: SeededAgency;
let agentToken: string;
const taskQueue = `app-${randomBytes(4).toString('hex')}`;

/** A real photo: sharp draws and encodes it. */
const photo = (format: 'jpeg' | 'png', hue: number) => {
  const room = sharp({
    create: { width: 800, height: 600, channels: 3, background: { r: hue, g: 120, b: 200 - hue } },
  }).composite([
    {
      input: Buffer.from(
        '<svg width="800" height="600"><rect x="100" y="300" width="600" height="200" fill="#6b4f3a"/></svg>',
      ),
    },
  ]);
  return (format === 'jpeg' ? room.jpeg() : room.png()).toBuffer();
};
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

before(async () => {
  db = await createTestDatabase();
  graph = await startGraphApiDouble();
  api = await startTestApi(db, { TASK_QUEUE_LISTINGS: taskQueue });
  const deps = testActivityDeps(db.app, api.deps.secrets, graph.baseUrl);
  deps.storage = api.deps.storage;
  worker = await startTestWorker(deps, { taskQueue });
  agency = await seedAgency(db, api.deps.secrets, { accessToken: graph.token });
  agentToken = await api.deps.accessTokens.issue({
    userId: agency.agentId,
    agencyId: agency.agencyId,
    role: 'agent',
  });
});
after(async () => {
  await worker.stop();
  await api.close();
  await graph.close();
  await db.drop();
});

interface Part {
  text?: string;
  file?: { bytes: Buffer; name: string; type: string };
  field?: [string, string];
}

async function submit(parts: Part[], opts: { token?: string | null; to?: TestApi } = {}) {
  const form = new FormData();
  for (const p of parts) {
    if (p.text !== undefined) form.append('text', p.text);
    if (p.field) form.append(p.field[0], p.field[1]);
    if (p.file) form.append('photos', new Blob([p.file.bytes], { type: p.file.type }), p.file.name);
  }
  const token = opts.token === undefined ? agentToken : opts.token;
  const res = await fetch(`${(opts.to ?? api).url}/v1/listings`, {
    method: 'POST',
    body: form,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

const listingCount = async (agencyId = agency.agencyId) =>
  (await db.owner('listings').where({ agency_id: agencyId })).length;
const storedFiles = (t: TestApi, agencyId = agency.agencyId): string[] => {
  const dir = path.join(t.deps.config.STORAGE_DIR, agencyId);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
};

describe('an agent submits from the app', () => {
  test('text and photos become the same submission a WhatsApp burst does', async () => {
    const jpeg = await photo('jpeg', 40);
    const png = await photo('png', 160);
    const res = await submit([
      { text: '3 bed flat in Lisbon, 450 000 EUR, balcony' },
      { file: { bytes: jpeg, name: 'living.jpg', type: 'image/jpeg' } },
      // Declared as a JPEG but it is a PNG: the bytes decide.
      { file: { bytes: png, name: 'kitchen.jpg', type: 'image/jpeg' } },
    ]);
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const { listing } = res.body;
    assert.equal(res.headers.get('location'), `/v1/listings/${listing.id}`);
    assert.equal(listing.texts, 1);
    assert.deepEqual(
      listing.photos.map((p: { mimeType: string }) => p.mimeType),
      ['image/jpeg', 'image/png'],
    );
    assert.equal(listing.workflowId, listingWorkflowId(agency.agencyId, listing.id));

    const row = await db.owner('listings').where({ id: listing.id }).first();
    assert.equal(row.agent_user_id, agency.agentId);
    assert.equal(row.workflow_id, listing.workflowId);
    const messages = await db.owner('inbound_messages').where({ listing_id: listing.id });
    assert.equal(messages.length, 3);
    assert.ok(messages.every((m) => m.source === 'app' && m.state === 'dispatched'));
    assert.ok(messages.every((m) => m.from_phone === agency.agentPhone));
    const text = messages.find((m) => m.kind === 'text');
    assert.equal(text.payload.text.body, '3 bed flat in Lisbon, 450 000 EUR, balcony');

    const assets = await db.owner('listing_assets').where({ listing_id: listing.id });
    assert.deepEqual(assets.map((a) => a.sha256).sort(), [sha256(jpeg), sha256(png)].sort());
    for (const a of assets) {
      assert.equal(a.status, 'stored');
      assert.equal(sha256((await api.deps.storage.get(a.storage_key)).body), a.sha256);
    }

    // The listing workflow takes it from here, like any submission.
    const handle = api.deps.temporal.client.workflow.getHandle(listing.workflowId);
    const view = await eventually(async () => {
      const v = await handle.query(listingStatusQuery);
      return v.status !== 'receiving' ? v : undefined;
    }, 'the listing to be received');
    assert.deepEqual(view.media, { stored: 2, skipped: 0 });
    assert.equal((await handle.describe()).typedSearchAttributes.get(TenantId), agency.agencyId);
    assert.deepEqual(graph.mediaRequests, [], 'app photos are never downloaded again');

    // The agent never wrote on WhatsApp: the acknowledgement is the approved template.
    const reply = await eventually(
      async () => graph.sent.find((m) => m.to === agency.agentPhone && m.text.startsWith('Got ')),
      'the acknowledgement',
    );
    assert.equal(reply.type, 'template');
    assert.deepEqual(reply.template?.params, [
      'Got 1 text and 2 photos. Drafting the listing now.',
    ]);

    const audit = await db
      .owner('audit_log')
      .where({ agency_id: agency.agencyId, action: 'listing.submitted', target_id: listing.id })
      .first();
    assert.deepEqual(audit.data, { source: 'app', texts: 1, photos: 2 });
    assert.equal(audit.actor_id, agency.agentId);
  });

  test('an API key submits text only; nobody is messaged', async () => {
    const minted = mintApiKey();
    await db.owner('api_keys').insert({
      agency_id: agency.agencyId,
      name: 'portal import',
      role: 'agent',
      prefix: minted.prefix,
      key_hash: minted.hash,
    });
    const res = await submit([{ text: 'Studio for rent, 900 USD per month' }], {
      token: minted.key,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const id = res.body.listing.id;
    const row = await db.owner('listings').where({ id }).first();
    assert.equal(row.agent_user_id, null);
    const [message] = await db.owner('inbound_messages').where({ listing_id: id });
    assert.equal(message.from_phone, null);
    const handle = api.deps.temporal.client.workflow.getHandle(res.body.listing.workflowId);
    const view = await eventually(async () => {
      const v = await handle.query(listingStatusQuery);
      return v.status !== 'receiving' ? v : undefined;
    }, 'the listing to be received');
    assert.notEqual(view.status, 'failed');
    assert.equal((await db.owner('outbound_messages').where({ listing_id: id })).length, 0);
    assert.ok(!graph.sent.some((m) => !m.to));
  });
});

describe('refusals keep nothing', () => {
  test('a photo over 5 MB is 413 photo_too_large, and the photos before it are removed', async () => {
    const before = { listings: await listingCount(), files: storedFiles(api).length };
    const big = Buffer.concat([await photo('jpeg', 10), Buffer.alloc(5 * 1024 * 1024)]);
    const res = await submit([
      { text: 'Villa with pool' },
      { file: { bytes: await photo('jpeg', 90), name: 'ok.jpg', type: 'image/jpeg' } },
      { file: { bytes: big, name: 'huge.jpg', type: 'image/jpeg' } },
    ]);
    assert.equal(res.status, 413);
    assert.equal(res.body.error.code, 'photo_too_large');
    assert.equal(res.body.error.filename, 'huge.jpg');
    assert.equal(await listingCount(), before.listings);
    assert.equal(storedFiles(api).length, before.files);
  });

  test('a file that is not an image is 415 unsupported_photo_type, whatever it claims', async () => {
    const before = { listings: await listingCount(), files: storedFiles(api).length };
    const res = await submit([
      { file: { bytes: await photo('png', 30), name: 'ok.png', type: 'image/png' } },
      { file: { bytes: PDF, name: 'brochure.jpg', type: 'image/jpeg' } },
    ]);
    assert.equal(res.status, 415);
    assert.equal(res.body.error.code, 'unsupported_photo_type');
    assert.equal(await listingCount(), before.listings);
    assert.equal(storedFiles(api).length, before.files);
  });

  test('no text and no photos is 422 empty_submission; an unknown field is 422 too', async () => {
    const empty = await submit([{ text: '   ' }]);
    assert.equal(empty.status, 422);
    assert.equal(empty.body.error.code, 'empty_submission');
    const unknown = await submit([{ text: 'Flat', field: ['price', '100'] }]);
    assert.equal(unknown.status, 422);
    assert.equal(unknown.body.error.code, 'validation_failed');
    assert.ok(unknown.body.error.fields['/price']);
  });

  test('JSON is 415, no credentials 401', async () => {
    const json = await fetch(`${api.url}/v1/listings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${agentToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Flat' }),
    });
    assert.equal(json.status, 415);
    assert.equal(((await json.json()) as any).error.code, 'unsupported_media_type');
    const anonymous = await submit([{ text: 'Flat' }], { token: null });
    assert.equal(anonymous.status, 401);
    assert.equal(anonymous.body.error.code, 'missing_token');
  });

  test("over the plan's monthly listings it is 402 plan_limit, as on WhatsApp", async () => {
    const full = await seedAgency(db, api.deps.secrets, {
      accessToken: graph.token,
      plan: 'starter',
    });
    await db.owner('usage_records').insert(
      Array.from({ length: 10 }, (_, i) => ({
        agency_id: full.agencyId,
        metric: 'listing_created',
        subject_id: `earlier-${i}`,
      })),
    );
    const token = await api.deps.accessTokens.issue({
      userId: full.agentId,
      agencyId: full.agencyId,
      role: 'agent',
    });
    const res = await submit(
      [
        { text: 'Eleventh listing this month' },
        { file: { bytes: await photo('jpeg', 50), name: 'a.jpg', type: 'image/jpeg' } },
      ],
      { token },
    );
    assert.equal(res.status, 402);
    assert.equal(res.body.error.code, 'plan_limit');
    assert.equal(res.body.error.limit, 'listings_per_month');
    assert.equal(await listingCount(full.agencyId), 0);
    assert.deepEqual(storedFiles(api, full.agencyId), []);
  });

  test('with Temporal unreachable the answer is 503 and the submission is undone', async () => {
    const down = await startTestApi(db, { TEMPORAL_ADDRESS: '127.0.0.1:1' });
    try {
      const before = await listingCount();
      const token = await down.deps.accessTokens.issue({
        userId: agency.agentId,
        agencyId: agency.agencyId,
        role: 'agent',
      });
      const res = await submit(
        [
          { text: 'Penthouse' },
          { file: { bytes: await photo('jpeg', 70), name: 'a.jpg', type: 'image/jpeg' } },
        ],
        { token, to: down },
      );
      assert.equal(res.status, 503);
      assert.equal(res.body.error.code, 'temporal_unavailable');
      assert.equal(await listingCount(), before);
      assert.deepEqual(storedFiles(down), []);
      assert.equal(
        (
          await db
            .owner('inbound_messages')
            .where({ agency_id: agency.agencyId, source: 'app', listing_id: null })
        ).length,
        0,
      );
    } finally {
      await down.close();
    }
  });
});
