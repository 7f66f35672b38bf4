import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomBytes, randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { seedAgency, type SeededAgency } from '../support/agency';
import { testActivityDeps } from '../support/worker';
import { sceneJpeg } from '../support/photos';
import { createSecretBox } from '../../lib/crypto/secretBox';
import { createActivities, type ActivityDeps } from '../../activities';
import { loadPublishableListing } from '../../lib/wordpress/listingSource';
import { mediaTextOf } from '../../lib/wordpress/mapping';
import { inboundMessage } from './submission';

/**
 * The agent's WhatsApp caption of a photo, from the stored inbound message to the listing's
 * gallery (caption, RESO room, where the caption came from) and to the WordPress alt text, on
 * the real database and storage.
 */

let db: TestDatabase;
let deps: ActivityDeps;
let acts: ReturnType<typeof createActivities>;
const secrets = createSecretBox(randomBytes(32).toString('base64'));
const env = new MockActivityEnvironment();
const run = <I, O>(activity: (input: I) => Promise<O>, input: I): Promise<O> =>
  env.run<[I], O, (input: I) => Promise<O>>(activity, input);

before(async () => {
  db = await createTestDatabase();
  deps = testActivityDeps(db.app, secrets, 'http://127.0.0.1:1');
  acts = createActivities(deps);
});
after(() => db.drop());

/** A photo message as WhatsApp delivers it (with or without a caption), stored as an asset. */
async function photoMessage(
  agency: SeededAgency,
  listingId: string,
  bytes: Buffer,
  caption?: string,
): Promise<string> {
  const messageId = await inboundMessage(db, agency, {
    photo: bytes,
    listingId,
    ...(caption ? { text: caption } : {}),
  });
  const key = `${agency.agencyId}/listings/${listingId}/${randomUUID()}.jpg`;
  await deps.storage.put(key, bytes, { contentType: 'image/jpeg' });
  const [asset] = await db
    .owner('listing_assets')
    .insert({
      agency_id: agency.agencyId,
      listing_id: listingId,
      inbound_message_id: messageId,
      storage_key: key,
      mime_type: 'image/jpeg',
      status: 'stored',
    })
    .returning('id');
  return asset.id as string;
}

describe("the agent's photo captions", () => {
  test('become the caption and room tag, say where they came from, and reach the alt text', async () => {
    const agency = await seedAgency(db, secrets, { accessToken: 't', language: 'en' });
    const listingId = randomUUID();
    await db.owner('listings').insert({
      id: listingId,
      agency_id: agency.agencyId,
      agent_user_id: agency.agentId,
      status: 'drafting',
      language: 'en',
      bedrooms_total: 2,
    });
    const ids = [
      await photoMessage(agency, listingId, await sceneJpeg({ seed: 71 }), 'Living room'),
      await photoMessage(
        agency,
        listingId,
        await sceneJpeg({ seed: 72, width: 1000, height: 1500 }),
        'View from the balcony',
      ),
      await photoMessage(
        agency,
        listingId,
        await sceneJpeg({ seed: 73, width: 900, height: 1400 }),
      ),
      // The listing's description sent as a caption is not a photo caption.
      await photoMessage(
        agency,
        listingId,
        await sceneJpeg({ seed: 74, width: 1100, height: 1500 }),
        '2 bed flat for sale, $450,000, sea view',
      ),
    ];
    for (const assetId of ids) {
      await run(acts.analysePhoto, { agencyId: agency.agencyId, assetId, language: 'en' });
    }
    await run(acts.arrangeGallery, {
      agencyId: agency.agencyId,
      listingId,
      language: 'en',
      photoIds: ids,
    });
    const rows = await db.owner('listing_assets').whereIn('id', ids);
    const byId = new Map(rows.map((r) => [r.id as string, r]));
    const seen = ids.map((id) => {
      const r = byId.get(id)!;
      return [r.long_description, r.image_of, r.quality.captionSource];
    });
    assert.deepEqual(seen[0], ['Living room', 'living_room', 'agent']);
    assert.deepEqual(seen[1], ['View from the balcony', 'view', 'agent']);
    assert.match(seen[2]![0] as string, /^Photo \d$/);
    assert.equal(seen[2]![2], 'fallback');
    assert.notEqual(seen[3]![0], '2 bed flat for sale, $450,000, sea view');
    assert.notEqual(seen[3]![2], 'agent', 'a description is not a caption');
    assert.equal(byId.get(ids[0]!)!.quality.description.captionSource, 'agent');

    const publishable = await loadPublishableListing(db.owner, listingId);
    const alt = (assetId: string) => {
      const photo = publishable.photos.find((p) => p.assetId === assetId)!;
      return mediaTextOf(publishable, photo);
    };
    assert.equal(alt(ids[0]!).alt, 'Living room');
    assert.equal(alt(ids[0]!).caption, 'Living room');
    assert.match(alt(ids[0]!).title, / – Living Room$/, 'the RESO ImageOf name');
    assert.equal(alt(ids[1]!).alt, 'View from the balcony');
    // A numbered placeholder is no description: the alt text falls back to the title.
    assert.doesNotMatch(alt(ids[2]!).alt, /Photo \d/);
    assert.equal(alt(ids[2]!).caption, '');
  });
});
