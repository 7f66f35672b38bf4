import sharp from 'sharp';

/**
 * Real JPEGs for photo-analysis tests, drawn from a seed: blocks of colour with hard edges and
 * fine grain (what furniture, windows and walls look like to a focus measure), optionally under
 * a band of smooth blue sky. Each seed is a different picture, so hashes differ; the variants
 * (dark, blurred, re-encoded) are made the way phones and WhatsApp make them.
 */

export interface SceneOptions {
  seed: number;
  width?: number;
  height?: number;
  sky?: boolean;
  /** Multiplies every pixel: 0.15 is a photo taken with the lights off. */
  exposure?: number;
}

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sceneRaw(opts: SceneOptions): { data: Buffer; width: number; height: number } {
  const width = opts.width ?? 1600;
  const height = opts.height ?? 1067;
  const rnd = random(opts.seed);
  const data = Buffer.alloc(width * height * 3);
  const skyRows = opts.sky ? Math.floor(height * 0.4) : 0;
  // Background: a wall colour.
  const wall = [120 + rnd() * 100, 110 + rnd() * 100, 100 + rnd() * 90];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      if (y < skyRows) {
        const t = y / Math.max(1, skyRows);
        data[i] = 80 + 40 * t;
        data[i + 1] = 150 + 30 * t;
        data[i + 2] = 235 - 10 * t;
      } else {
        data[i] = wall[0]!;
        data[i + 1] = wall[1]!;
        data[i + 2] = wall[2]!;
      }
    }
  }
  // Blocks: furniture, windows, doors.
  for (let k = 0; k < 60; k++) {
    const w = Math.floor(width * (0.03 + rnd() * 0.2));
    const h = Math.floor(height * (0.03 + rnd() * 0.25));
    const x0 = Math.floor(rnd() * (width - w));
    const y0 = skyRows + Math.floor(rnd() * Math.max(1, height - skyRows - h));
    const c = [rnd() * 255, rnd() * 255, rnd() * 255];
    for (let y = y0; y < y0 + h; y++) {
      for (let x = x0; x < x0 + w; x++) {
        const i = (y * width + x) * 3;
        data[i] = c[0]!;
        data[i + 1] = c[1]!;
        data[i + 2] = c[2]!;
      }
    }
  }
  // Grain below the sky: texture a focus measure sees in any real photo.
  for (let y = skyRows; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const n = (rnd() - 0.5) * 24;
      for (let c = 0; c < 3; c++) data[i + c] = Math.max(0, Math.min(255, data[i + c]! + n));
    }
  }
  const exposure = opts.exposure ?? 1;
  if (exposure !== 1) for (let i = 0; i < data.length; i++) data[i] = data[i]! * exposure;
  return { data, width, height };
}

export async function sceneJpeg(opts: SceneOptions, quality = 88): Promise<Buffer> {
  const raw = sceneRaw(opts);
  return sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 3 } })
    .jpeg({ quality })
    .toBuffer();
}

/** The set the drafting tests send: one of each kind a real burst contains. */
export async function listingPhotos() {
  const bright = await sceneJpeg({ seed: 11, sky: true });
  return {
    /** A sharp, well-lit landscape shot with sky: the cover. */
    bright,
    /** The same shot, re-sent: resized, recompressed, a touch brighter. */
    nearDuplicate: await sharp(bright)
      .resize(1440)
      .modulate({ brightness: 1.04 })
      .jpeg({ quality: 60 })
      .toBuffer(),
    /** Lights off. */
    dark: await sceneJpeg({ seed: 23, exposure: 0.15 }),
    /** Shaken or out of focus. */
    blurry: await sharp(await sceneJpeg({ seed: 37 }))
      .blur(12)
      .jpeg({ quality: 85 })
      .toBuffer(),
    /** A sharp interior in portrait. */
    portrait: await sceneJpeg({ seed: 41, width: 1067, height: 1600 }),
    /** A thumbnail forwarded instead of the photo. */
    small: await sceneJpeg({ seed: 53, width: 480, height: 320 }),
  };
}
