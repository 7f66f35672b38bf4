import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import sharp from 'sharp';
import { MAX_INPUT_PIXELS } from '../ai/photos/limits';

/** WhatsApp's own limits: images 5 MB, documents 100 MB (photos sent "as document" keep full quality). */
export const MAX_BYTES = {
  image: 5 * 1024 * 1024,
  document: 100 * 1024 * 1024,
  video: 16 * 1024 * 1024,
} as const;

const SIGNATURES: Array<{ mime: string; ext: string; test: (b: Buffer) => boolean }> = [
  { mime: 'image/jpeg', ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    mime: 'image/png',
    ext: 'png',
    test: (b) =>
      b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    mime: 'image/webp',
    ext: 'webp',
    test: (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
  },
  {
    mime: 'image/heic',
    ext: 'heic',
    test: (b) =>
      b.toString('latin1', 4, 8) === 'ftyp' &&
      /^(heic|heix|mif1|msf1)$/.test(b.toString('latin1', 8, 12)),
  },
  { mime: 'image/gif', ext: 'gif', test: (b) => b.toString('latin1', 0, 4) === 'GIF8' },
];

/**
 * Width and height from the file's header, without decoding any pixel (libvips reads the
 * header only for metadata). Undefined when the header is not one sharp can read.
 */
export async function imageHeader(
  file: string,
): Promise<{ width: number; height: number } | undefined> {
  try {
    const meta = await sharp(file, { limitInputPixels: false }).metadata();
    return meta.width && meta.height ? { width: meta.width, height: meta.height } : undefined;
  } catch {
    return undefined;
  }
}

/** Why a photo of this size is refused before it is ever decoded, or undefined. */
export function pixelProblem(
  width: number,
  height: number,
  limit = MAX_INPUT_PIXELS,
): string | undefined {
  const pixels = width * height;
  if (pixels <= limit) return undefined;
  const mp = (n: number) => `${(n / 1e6).toFixed(1)} megapixels`;
  return `too many pixels: ${width}x${height} is ${mp(pixels)} (limit ${mp(limit)})`;
}

/** The first bytes of a file, for `sniffImage`. */
export async function headOf(file: string, bytes = 32): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The image type the bytes really are (never the declared type), or undefined. */
export function sniffImage(bytes: Buffer): { mime: string; ext: string } | undefined {
  const found = SIGNATURES.find((s) => s.test(bytes));
  return found && { mime: found.mime, ext: found.ext };
}

/**
 * Meta sends the file's SHA-256 base64-encoded in the webhook and hex in the media endpoint;
 * accept either spelling of the same digest.
 */
export function sha256Matches(bytes: Buffer, expected: string | undefined): boolean {
  return digestMatches(createHash('sha256').update(bytes).digest(), expected);
}

/** `sha256Matches` for a digest computed while streaming. */
export function digestMatches(digest: Buffer, expected: string | undefined): boolean {
  if (!expected) return true;
  return (
    expected.toLowerCase() === digest.toString('hex') || expected === digest.toString('base64')
  );
}
