import { createHash } from 'node:crypto';
import type { InboundMessageBody } from '../services/whatsappWebhook';
import type { DemoPhoto } from './photos';

/**
 * What the demo agent sends, in order: the property in a few lines, photos (one as a
 * document, the way agents keep full quality), a correction a moment later, and "done".
 */
export interface Turn {
  /** What the console shows for this message. */
  says: string;
  body: InboundMessageBody;
  /** Seconds the agent takes before sending it. */
  pause: number;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('base64');

export function conversation(photos: Array<DemoPhoto & { mediaId: string }>): Turn[] {
  const text = (body: string, pause: number): Turn => ({
    says: body,
    body: { type: 'text', text: { body } },
    pause,
  });
  const photoTurns = photos.map((p, i): Turn => {
    const media = { id: p.mediaId, mime_type: 'image/jpeg', sha256: sha256(p.bytes) };
    const asDocument = i === 2;
    return {
      says: `[${asDocument ? 'document' : 'photo'} ${p.name}${p.caption ? `: "${p.caption}"` : ''}]`,
      body: asDocument
        ? { type: 'document', document: { ...media, filename: p.name } }
        : { type: 'image', image: { ...media, ...(p.caption ? { caption: p.caption } : {}) } },
      pause: 0.6,
    };
  });
  return [
    text(
      'New listing: 3 bedroom apartment for sale in Alfama, Lisbon. 2 bathrooms, 110 m², ' +
        'balcony with river view, lift. 450,000 EUR',
      0,
    ),
    ...photoTurns,
    text('Correction: the price is 435,000 EUR', 2),
    text('done', 1.5),
  ];
}
