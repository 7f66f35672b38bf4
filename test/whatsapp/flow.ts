import assert from 'node:assert/strict';
import sharp from 'sharp';
import type { TestApi } from '../support/api';
import { signMetaPayload } from '../../lib/whatsapp/signature';

/** Posts a webhook body signed with `appSecret` (exact bytes when given a string). */
export async function postSigned(api: TestApi, appSecret: string, body: string | object) {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return api.request('POST', '/webhooks/whatsapp', {
    rawBody: raw,
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': signMetaPayload(appSecret, raw),
    },
  });
}

/** Posts and insists on Meta's happy answer. */
export async function deliver(api: TestApi, appSecret: string, body: string | object) {
  const res = await postSigned(api, appSecret, body);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res;
}

/** Polls `probe` until it returns something truthy. */

/**
 * A real photo, drawn and encoded by sharp: tiny hand-made files do not survive the photo
 * analysis that follows receiving (it decodes every image and drops near-duplicates), so each
 * seed draws a different room.
 */
export async function realPhoto(seed: number, format: 'jpeg' | 'png' = 'jpeg'): Promise<Buffer> {
  let state = (seed * 2654435761) >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const colour = () =>
    `rgb(${Math.floor(next() * 255)},${Math.floor(next() * 255)},${Math.floor(next() * 255)})`;
  const blocks = Array.from({ length: 12 }, () => {
    const w = 40 + Math.floor(next() * 260);
    const h = 30 + Math.floor(next() * 200);
    const x = Math.floor(next() * (640 - w));
    const y = Math.floor(next() * (480 - h));
    return `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${colour()}"/>`;
  }).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"><rect width="640" height="480" fill="${colour()}"/>${blocks}</svg>`;
  const room = sharp(Buffer.from(svg));
  return (format === 'jpeg' ? room.jpeg({ quality: 85 }) : room.png()).toBuffer();
}
