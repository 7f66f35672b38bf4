import sharp from 'sharp';
import { MAX_INPUT_PIXELS, PHOTO_DECODES_AT_ONCE, createGate } from './limits';

/**
 * What image processing can tell about a listing photo, whichever AI provider describes it:
 * size and orientation, exposure, sharpness, a perceptual hash for near-duplicates, and the
 * few scene facts plain pixels support (a band of blue sky on top, a white line drawing).
 * Measured on a downscaled copy so a 12-megapixel upload costs the same as a WhatsApp one.
 */

export const ROOM_TAGS = [
  'exterior',
  'living_room',
  'kitchen',
  'dining_room',
  'bedroom',
  'bathroom',
  'balcony',
  'garden',
  'pool',
  'view',
  'floor_plan',
  'other',
] as const;
export type RoomTag = (typeof ROOM_TAGS)[number];

export type QualityFlag = 'dark' | 'blurry' | 'too_small';

export interface PhotoMetrics {
  width: number;
  height: number;
  orientation: 'landscape' | 'portrait' | 'square';
  /** Mean luma, 0 (black) to 1 (white). */
  brightness: number;
  /** Variance of the Laplacian of the greyscale copy (long edge 512 px): edges, i.e. focus. */
  sharpness: number;
  /** 64-bit difference hash (dHash) as 16 hex digits; near-duplicates differ in few bits. */
  phash: string;
  /** Share of the top third that is clear blue sky (smooth, bright, blue over red). */
  skyTop: number;
  /** Share of the photo that is white paper with thin dark lines (a floor plan or drawing). */
  drawing: number;
  flags: QualityFlag[];
  /** 0..1, higher is better: what the gallery orders by. */
  score: number;
}

/** Thresholds, named so tests and operators can see why a photo was flagged. */
export const QUALITY_LIMITS = {
  /** Mean luma below this reads as an underexposed photo. */
  darkBelow: 0.22,
  /** Laplacian variance below this (on the 512 px copy) reads as out of focus or shaken. */
  blurryBelow: 40,
  /** Long edge below this is too small for a listing page. */
  minLongEdge: 800,
  /** Short edge below this is too small for a listing page. */
  minShortEdge: 480,
} as const;

const ANALYSIS_EDGE = 512;
const VISION_EDGE = 1024;

export interface MeasuredPhoto {
  metrics: PhotoMetrics;
  /** A JPEG at most 1024 px on its long edge, upright: what a vision model is sent. */
  jpeg: Buffer;
}

const decodes = createGate(PHOTO_DECODES_AT_ONCE);
// sharp refuses to decode more pixels than this (its error names the limit).
const decode = (bytes: Buffer) => sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS });

/**
 * Measures one photo; at most PHOTO_DECODES_AT_ONCE run together in a process, and a photo over
 * MAX_INPUT_PIXELS is refused from its header, before any pixel is decoded.
 */
export function measurePhoto(bytes: Buffer): Promise<MeasuredPhoto> {
  return decodes.run(() => measure(bytes));
}

async function measure(bytes: Buffer): Promise<MeasuredPhoto> {
  // The header only (no pixel is decoded), so an oversized photo is refused with its size.
  const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  if (meta.width && meta.height && meta.width * meta.height > MAX_INPUT_PIXELS)
    throw new Error(
      `too many pixels: ${meta.width}x${meta.height} (limit ${MAX_INPUT_PIXELS / 1e6} megapixels)`,
    );
  if (!meta.width || !meta.height) throw new Error('the image has no dimensions');
  // EXIF orientations 5-8 are rotated a quarter turn: the photo as seen is the other way round.
  const turned = (meta.orientation ?? 1) >= 5;
  const width = turned ? meta.height : meta.width;
  const height = turned ? meta.width : meta.height;

  const { data, info } = await decode(bytes)
    .rotate()
    .resize({
      width: ANALYSIS_EDGE,
      height: ANALYSIS_EDGE,
      fit: 'inside',
      withoutEnlargement: true,
    })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixels = { data, width: info.width, height: info.height, channels: info.channels };
  const luma = lumaOf(pixels);
  const brightness = mean(luma) / 255;
  const sharpness = laplacianVariance(luma, info.width, info.height);
  const skyTop = skyShare(pixels, luma);
  const drawing = drawingShare(pixels, luma);
  const phash = await differenceHash(bytes);
  const jpeg = await decode(bytes)
    .rotate()
    .resize({ width: VISION_EDGE, height: VISION_EDGE, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 82 })
    .toBuffer();

  const flags: QualityFlag[] = [];
  if (brightness < QUALITY_LIMITS.darkBelow) flags.push('dark');
  // A drawing is mostly blank paper, and a dark photo has little contrast to measure: low
  // variance in either says nothing about focus.
  if (sharpness < QUALITY_LIMITS.blurryBelow && drawing < 0.5 && !flags.includes('dark')) {
    flags.push('blurry');
  }
  if (
    Math.max(width, height) < QUALITY_LIMITS.minLongEdge ||
    Math.min(width, height) < QUALITY_LIMITS.minShortEdge
  ) {
    flags.push('too_small');
  }
  const orientation =
    Math.abs(width - height) <= 0.05 * Math.max(width, height)
      ? 'square'
      : width > height
        ? 'landscape'
        : 'portrait';
  const metrics: PhotoMetrics = {
    width,
    height,
    orientation,
    brightness: round(brightness, 3),
    sharpness: round(sharpness, 1),
    phash,
    skyTop: round(skyTop, 3),
    drawing: round(drawing, 3),
    flags,
    score: 0,
  };
  metrics.score = qualityScore(metrics);
  return { metrics, jpeg };
}

/**
 * Exposure near mid-grey, focus and resolution, minus a penalty per flag. Orientation is the
 * gallery's business (a cover wants landscape), not a quality.
 */
export function qualityScore(m: Omit<PhotoMetrics, 'score'>): number {
  const exposure = 1 - Math.min(1, Math.abs(m.brightness - 0.5) / 0.5);
  const focus = Math.min(1, Math.log10(1 + m.sharpness) / 3);
  const megapixels = (m.width * m.height) / 1e6;
  const resolution = Math.min(1, megapixels / 2);
  const raw = 0.4 * focus + 0.35 * exposure + 0.25 * resolution - 0.3 * m.flags.length;
  return round(Math.max(0, Math.min(1, raw)), 3);
}

/** Hamming distance between two dHashes: 0 for the same picture, ~32 for unrelated ones. */
export function hashDistance(a: string, b: string): number {
  let distance = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i += 4) {
    let x = parseInt(a.slice(i, i + 4) || '0', 16) ^ parseInt(b.slice(i, i + 4) || '0', 16);
    while (x) {
      distance += x & 1;
      x >>= 1;
    }
  }
  return distance;
}

/** Photos whose hashes differ in at most this many of 64 bits show the same shot. */
export const NEAR_DUPLICATE_BITS = 8;

interface Pixels {
  data: Buffer;
  width: number;
  height: number;
  channels: number;
}

function lumaOf(p: Pixels): Float32Array {
  const out = new Float32Array(p.width * p.height);
  for (let i = 0, j = 0; i < out.length; i++, j += p.channels) {
    out[i] = 0.299 * p.data[j]! + 0.587 * p.data[j + 1]! + 0.114 * p.data[j + 2]!;
  }
  return out;
}

function mean(values: Float32Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length ? sum / values.length : 0;
}

/** The classic focus measure: variance of the 4-neighbour Laplacian over the interior. */
function laplacianVariance(luma: Float32Array, width: number, height: number): number {
  if (width < 3 || height < 3) return 0;
  let sum = 0;
  let sumSq = 0;
  let n = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const l = luma[i - width]! + luma[i + width]! + luma[i - 1]! + luma[i + 1]! - 4 * luma[i]!;
      sum += l;
      sumSq += l * l;
      n += 1;
    }
  }
  const m = sum / n;
  return sumSq / n - m * m;
}

/** Clear sky: bright, blue clearly above red, and smooth (little change to the next pixel). */
function skyShare(p: Pixels, luma: Float32Array): number {
  const rows = Math.floor(p.height / 3);
  let sky = 0;
  let total = 0;
  for (let y = 0; y < rows; y++) {
    for (let x = 0; x < p.width - 1; x++) {
      const i = y * p.width + x;
      const j = i * p.channels;
      const r = p.data[j]!;
      const g = p.data[j + 1]!;
      const b = p.data[j + 2]!;
      total += 1;
      const smooth = Math.abs(luma[i]! - luma[i + 1]!) < 6;
      if (smooth && b > 120 && b - r > 25 && b >= g - 10) sky += 1;
    }
  }
  return total ? sky / total : 0;
}

/**
 * A floor plan or drawing: mostly white, unsaturated paper with a few dark lines. Photos of
 * white rooms fail on the lines (shadows and furniture are mid-grey, not ink).
 */
function drawingShare(p: Pixels, luma: Float32Array): number {
  let paper = 0;
  let ink = 0;
  let coloured = 0;
  for (let i = 0, j = 0; i < luma.length; i++, j += p.channels) {
    const r = p.data[j]!;
    const g = p.data[j + 1]!;
    const b = p.data[j + 2]!;
    const saturation = Math.max(r, g, b) - Math.min(r, g, b);
    if (saturation > 40) coloured += 1;
    if (luma[i]! > 225 && saturation < 20) paper += 1;
    else if (luma[i]! < 90) ink += 1;
  }
  const n = luma.length || 1;
  const inkShare = ink / n;
  if (coloured / n > 0.1 || inkShare < 0.005 || inkShare > 0.25) return 0;
  return paper / n;
}

/** dHash: a 9x8 greyscale thumbnail, one bit per pair of horizontal neighbours. */
async function differenceHash(bytes: Buffer): Promise<string> {
  const thumb = await decode(bytes)
    .rotate()
    .greyscale()
    .resize(9, 8, { fit: 'fill' })
    .raw()
    .toBuffer();
  let hex = '';
  for (let row = 0; row < 8; row++) {
    let byte = 0;
    for (let col = 0; col < 8; col++) {
      const left = thumb[row * 9 + col]!;
      const right = thumb[row * 9 + col + 1]!;
      byte = (byte << 1) | (left > right ? 1 : 0);
    }
    hex += byte.toString(16).padStart(2, '0');
  }
  return hex;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
