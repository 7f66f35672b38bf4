import { createHash } from 'node:crypto';

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
  if (!expected) return true;
  const digest = createHash('sha256').update(bytes).digest();
  return (
    expected.toLowerCase() === digest.toString('hex') || expected === digest.toString('base64')
  );
}
