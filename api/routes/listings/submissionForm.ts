import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { AppError, BadRequestError, ValidationError } from '../../errors';
import { MAX_BYTES, sniffImage } from '../../../lib/whatsapp/mediaChecks';
import { normalizeText } from '../../../lib/text/normalize';

/**
 * The app channel's limits are WhatsApp's, so a listing is the same whichever way it came:
 * photos up to 5 MB each, typed by their bytes (never by the declared type or file name),
 * texts up to WhatsApp's 4,096 characters. A burst rarely has more than twenty photos.
 */
export const SUBMISSION_LIMITS = {
  photoBytes: MAX_BYTES.image,
  photos: 30,
  texts: 20,
  textChars: 4096,
} as const;
// Multipart framing and a few text fields on top of the photos themselves.
const MAX_REQUEST_BYTES = SUBMISSION_LIMITS.photos * SUBMISSION_LIMITS.photoBytes + 1024 * 1024;

export interface SubmittedPhoto {
  /** Its place among the request's files (0 first): the agent's order, the cover first. */
  position: number;
  bytes: Buffer;
  mime: string;
  ext: string;
  filename: string | undefined;
}

export interface SubmissionForm {
  texts: string[];
  photos: number;
}

const tooLarge = (filename: string | undefined) =>
  new AppError(413, 'photo_too_large', `${filename ?? 'A photo'} is larger than 5 MB`, {
    limitBytes: SUBMISSION_LIMITS.photoBytes,
    ...(filename ? { filename } : {}),
  });

/**
 * Reads a multipart submission: `text` fields and photo files (any file field). Each photo is
 * handed to `onPhoto` as soon as it has arrived whole and passed its checks, so at most one
 * photo per request is held in memory. The whole body is read even after a refusal, so the
 * client gets the answer instead of a reset connection; the first problem found is thrown.
 */
export async function readSubmissionForm(
  req: Readable,
  headers: IncomingHttpHeaders,
  onPhoto: (photo: SubmittedPhoto) => Promise<void>,
): Promise<SubmissionForm> {
  const declared = Number(headers['content-length'] ?? 0);
  if (declared > MAX_REQUEST_BYTES) {
    throw new AppError(413, 'payload_too_large', 'A submission is at most 30 photos of 5 MB');
  }
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers,
      limits: {
        fileSize: SUBMISSION_LIMITS.photoBytes,
        files: SUBMISSION_LIMITS.photos,
        fields: SUBMISSION_LIMITS.texts,
        // Bytes, not characters: room for 4,096 characters of Arabic or emoji.
        fieldSize: SUBMISSION_LIMITS.textChars * 4,
      },
    });
  } catch {
    throw new BadRequestError('malformed_multipart', 'The multipart boundary is missing');
  }

  const texts: string[] = [];
  const stored: Array<Promise<void>> = [];
  let failure: Error | undefined;
  const fail = (err: unknown) => {
    failure ??= err instanceof Error ? err : new Error(String(err));
  };

  parser.on('field', (name, value, info) => {
    if (name !== 'text') {
      fail(new ValidationError({ [`/${name}`]: 'Unknown field: send `text` fields and photos' }));
      return;
    }
    // Texts and file names reach Postgres (jsonb): no NUL, no lone surrogate.
    const text = normalizeText(value).trim();
    if (info.valueTruncated || [...text].length > SUBMISSION_LIMITS.textChars) {
      fail(
        new ValidationError({
          [`/text/${texts.length}`]: `At most ${SUBMISSION_LIMITS.textChars} characters`,
        }),
      );
      return;
    }
    if (text) texts.push(text);
  });
  let files = 0;
  parser.on('file', (_name, file, info) => {
    const position = files++;
    const filename = info.filename ? normalizeText(info.filename) : undefined;
    const chunks: Buffer[] = [];
    file.on('data', (chunk: Buffer) => {
      if (!failure) chunks.push(chunk);
    });
    file.on('limit', () => fail(tooLarge(filename)));
    file.on('end', () => {
      if (failure || file.truncated) return;
      const bytes = Buffer.concat(chunks);
      if (!bytes.length) return; // An empty file input the form sent anyway.
      const image = sniffImage(bytes);
      if (!image) {
        fail(
          new AppError(
            415,
            'unsupported_photo_type',
            `${filename ?? 'A file'} is not a JPEG, PNG, WebP, HEIC or GIF image`,
            filename ? { filename } : {},
          ),
        );
        return;
      }
      stored.push(
        onPhoto({ position, bytes, mime: image.mime, ext: image.ext, filename }).catch(fail),
      );
    });
  });
  parser.on('filesLimit', () =>
    fail(
      new AppError(
        413,
        'too_many_photos',
        `A submission has at most ${SUBMISSION_LIMITS.photos} photos`,
      ),
    ),
  );
  parser.on('fieldsLimit', () =>
    fail(new ValidationError({ '/text': `At most ${SUBMISSION_LIMITS.texts} text fields` })),
  );

  let received = 0;
  await new Promise<void>((resolve, reject) => {
    parser.on('close', resolve);
    parser.on('error', () =>
      reject(new BadRequestError('malformed_multipart', 'The multipart body could not be read')),
    );
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      // A body without a Content-Length (chunked) is held to the same bound.
      if (received > MAX_REQUEST_BYTES) {
        req.unpipe(parser);
        reject(new AppError(413, 'payload_too_large', 'A submission is at most 30 photos of 5 MB'));
      }
    });
    req.on('error', () =>
      reject(new BadRequestError('unreadable_body', 'The request body could not be read')),
    );
    req.pipe(parser);
  });
  const settled = await Promise.allSettled(stored);
  if (failure) throw failure;
  const photos = settled.length;
  if (!texts.length && !photos) {
    throw new AppError(422, 'empty_submission', 'Send some text or at least one photo');
  }
  return { texts, photos };
}
