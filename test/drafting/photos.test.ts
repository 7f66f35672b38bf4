import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import sharp from 'sharp';
import { listingPhotos, sceneJpeg } from '../support/photos';
import {
  hashDistance,
  measurePhoto,
  NEAR_DUPLICATE_BITS,
  type PhotoMetrics,
} from '../../lib/ai/photos/measure';
import { arrangeGallery, type AnalysedPhoto } from '../../lib/ai/photos/gallery';
import { describePhoto } from '../../lib/ai/local/photos';
import { agentCaption, isNumberedCaption, RESO_IMAGE_OF } from '../../lib/ai/photos/captions';
import { fold } from '../../lib/ai/extraction/text';

/** Photo analysis on real JPEGs (made with sharp): what image processing can honestly tell. */

let photos: Awaited<ReturnType<typeof listingPhotos>>;
const metrics: Record<string, PhotoMetrics> = {};
before(async () => {
  photos = await listingPhotos();
  for (const [name, bytes] of Object.entries(photos))
    metrics[name] = (await measurePhoto(bytes)).metrics;
});

describe('measurements', () => {
  test('dimensions and orientation', () => {
    assert.deepEqual(
      [metrics.bright!.width, metrics.bright!.height, metrics.bright!.orientation],
      [1600, 1067, 'landscape'],
    );
    assert.equal(metrics.portrait!.orientation, 'portrait');
    assert.equal(metrics.nearDuplicate!.width, 1440);
  });

  test('EXIF orientation is applied: a photo taken sideways measures upright', async () => {
    const sideways = await sharp(photos.bright).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    const m = (await measurePhoto(sideways)).metrics;
    assert.deepEqual([m.width, m.height, m.orientation], [1067, 1600, 'portrait']);
  });

  test('quality flags: dark, blurry, too small; a good photo has none', () => {
    assert.deepEqual(metrics.bright!.flags, []);
    assert.deepEqual(metrics.portrait!.flags, []);
    assert.deepEqual(metrics.dark!.flags, ['dark']);
    assert.deepEqual(metrics.blurry!.flags, ['blurry']);
    assert.deepEqual(metrics.small!.flags, ['too_small']);
    assert.ok(metrics.dark!.brightness < 0.22 && metrics.bright!.brightness > 0.4);
    assert.ok(metrics.blurry!.sharpness < 40 && metrics.bright!.sharpness > 100);
    assert.ok(metrics.bright!.score > metrics.blurry!.score);
    assert.ok(metrics.bright!.score > metrics.dark!.score);
  });

  test('the perceptual hash finds the re-sent copy and tells other photos apart', () => {
    assert.ok(
      hashDistance(metrics.bright!.phash, metrics.nearDuplicate!.phash) <= NEAR_DUPLICATE_BITS,
    );
    for (const other of ['dark', 'blurry', 'portrait', 'small']) {
      assert.ok(
        hashDistance(metrics.bright!.phash, metrics[other]!.phash) > NEAR_DUPLICATE_BITS * 2,
        other,
      );
    }
  });

  test('the copy sent to a vision model is a downscaled JPEG', async () => {
    const { jpeg } = await measurePhoto(await sceneJpeg({ seed: 5, width: 3000, height: 2000 }));
    const meta = await sharp(jpeg).metadata();
    assert.equal(meta.format, 'jpeg');
    assert.equal(Math.max(meta.width, meta.height), 1024);
  });

  test('a file that is not an image is refused', async () => {
    await assert.rejects(measurePhoto(Buffer.from('%PDF-1.4 not a photo')));
  });
});

describe('the local provider describes only what pixels support', () => {
  test('a band of blue sky is an exterior; an interior gets no tag and no caption', () => {
    assert.deepEqual(
      describePhoto({ jpeg: photos.bright, metrics: metrics.bright!, language: 'es' }),
      {
        roomTag: 'exterior',
        caption: 'Exterior',
        confidence: 0.6,
      },
    );
    assert.deepEqual(
      describePhoto({ jpeg: photos.portrait, metrics: metrics.portrait!, language: 'en' }),
      { roomTag: null, caption: null, confidence: 0 },
    );
  });

  test('a white drawing with thin lines is a floor plan', async () => {
    const { data, width, height } = {
      data: Buffer.alloc(1200 * 900 * 3, 255),
      width: 1200,
      height: 900,
    };
    for (let y = 100; y < 800; y++)
      for (const x of [100, 101, 600, 601, 1100, 1101])
        data.fill(20, (y * width + x) * 3, (y * width + x) * 3 + 3);
    for (const y of [100, 101, 450, 451, 799, 800])
      data.fill(20, (y * width + 100) * 3, (y * width + 1102) * 3);
    const plan = await sharp(data, { raw: { width, height, channels: 3 } })
      .png()
      .toBuffer();
    const m = (await measurePhoto(plan)).metrics;
    assert.ok(m.drawing > 0.6, String(m.drawing));
    assert.deepEqual(m.flags, [], 'blank paper is not blur');
    assert.equal(describePhoto({ jpeg: plan, metrics: m, language: 'pt' }).caption, 'Planta');
  });
});

describe('the gallery', () => {
  const photo = (
    id: string,
    name: string,
    position: number,
    roomTag: AnalysedPhoto['roomTag'] = null,
  ): AnalysedPhoto => ({
    id,
    position,
    metrics: metrics[name]!,
    roomTag,
    caption: roomTag === 'exterior' ? 'Exterior' : null,
  });

  test('drops near-duplicates (keeping the better shot), picks the cover, flagged photos last', () => {
    const placements = arrangeGallery(
      [
        photo('dark', 'dark', 0),
        photo('dup', 'nearDuplicate', 1),
        photo('portrait', 'portrait', 2),
        photo('bright', 'bright', 3, 'exterior'),
        photo('blurry', 'blurry', 4),
      ],
      'en',
    );
    const by = Object.fromEntries(placements.map((p) => [p.id, p]));
    assert.equal(by.bright!.order, 0);
    assert.equal(by.bright!.caption, 'Exterior');
    assert.deepEqual([by.dup!.order, by.dup!.duplicateOf], [null, 'bright']);
    assert.deepEqual([by.portrait!.order, by.portrait!.caption], [1, 'Photo 2']);
    assert.deepEqual([by.dark!.order, by.blurry!.order], [2, 3]);
    assert.equal(by.blurry!.caption, 'Photo 4');
  });

  test('without tags the best landscape photo is the cover', () => {
    const placements = arrangeGallery(
      [photo('portrait', 'portrait', 0), photo('small', 'small', 1), photo('bright', 'bright', 2)],
      'ar',
    );
    const cover = placements.find((p) => p.order === 0);
    assert.equal(cover?.id, 'bright');
    assert.equal(cover?.caption, 'صورة 1');
  });

  test('a living-room shot wins the cover over a slightly better bedroom shot', () => {
    const placements = arrangeGallery(
      [photo('bedroom', 'bright', 0, 'bedroom'), photo('living', 'portrait', 1, 'living_room')],
      'en',
    );
    assert.equal(placements.find((p) => p.order === 0)?.id, 'living');
  });
});

describe("the agent's caption", () => {
  test('a few words naming a room become the caption and RESO-aligned tag, in four languages', () => {
    const tag = (text: string, language: 'en' | 'es' | 'pt' | 'ar') =>
      agentCaption(text, language, fold)?.roomTag ?? null;
    assert.equal(tag('Living room', 'en'), 'living_room');
    assert.equal(tag('View from the balcony', 'en'), 'view');
    assert.equal(tag('Master bedroom', 'en'), 'bedroom');
    assert.equal(tag('Balcony view', 'en'), 'view');
    assert.equal(tag('Vista desde la terraza', 'es'), 'view');
    assert.equal(tag('Cozinha americana', 'pt'), 'kitchen');
    assert.equal(tag('المطبخ', 'ar'), 'kitchen');
    assert.equal(tag('Sunset!', 'en'), null);
    assert.equal(agentCaption('Sunset!', 'en', fold)?.caption, 'Sunset!');
    assert.equal(agentCaption('3 bed 2 bath, $450,000', 'en', fold), null);
    assert.equal(agentCaption('a'.repeat(61), 'en', fold), null);
    assert.equal(RESO_IMAGE_OF.living_room, 'Living Room');
    assert.ok(isNumberedCaption('Photo 2') && isNumberedCaption('صورة 3'));
    assert.ok(!isNumberedCaption('Photo of the garden'));
  });
});
