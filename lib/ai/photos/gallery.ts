import type { Language } from '../../domain/listing';
import { hashDistance, NEAR_DUPLICATE_BITS, type PhotoMetrics, type RoomTag } from './measure';

/**
 * Turns analysed photos into the listing's gallery: near-duplicates dropped (the better shot
 * of each pair stays), a cover chosen (the best exterior or living-room shot; without tags,
 * the best landscape photo), then the agent's own order, with drawings and flagged photos
 * last. Pure, so the same photos always make the same gallery.
 */

export interface AnalysedPhoto {
  id: string;
  /** Arrival order in the agent's burst. */
  position: number;
  metrics: PhotoMetrics;
  roomTag: RoomTag | null;
  caption: string | null;
}

export interface Placement {
  id: string;
  /** 0 is the cover; null for a duplicate, which is not shown. */
  order: number | null;
  duplicateOf: string | null;
  caption: string;
}

/** What a tag adds to a photo's claim on the cover. */
const COVER_BONUS: Partial<Record<RoomTag, number>> = {
  exterior: 0.35,
  living_room: 0.3,
  pool: 0.15,
  view: 0.15,
  garden: 0.1,
  kitchen: 0.05,
  floor_plan: -1,
};

const PHOTO_WORD: Record<Language, string> = { en: 'Photo', es: 'Foto', pt: 'Foto', ar: 'صورة' };

export function genericCaption(order: number, language: Language): string {
  return `${PHOTO_WORD[language]} ${order + 1}`;
}

export function arrangeGallery(photos: readonly AnalysedPhoto[], language: Language): Placement[] {
  const byQuality = [...photos].sort(
    (a, b) => b.metrics.score - a.metrics.score || a.position - b.position,
  );
  const kept: AnalysedPhoto[] = [];
  const duplicateOf = new Map<string, string>();
  for (const photo of byQuality) {
    const original = kept.find(
      (k) => hashDistance(k.metrics.phash, photo.metrics.phash) <= NEAR_DUPLICATE_BITS,
    );
    if (original) duplicateOf.set(photo.id, original.id);
    else kept.push(photo);
  }

  const coverScore = (p: AnalysedPhoto) =>
    (p.metrics.flags.length === 0 ? 1 : 0) +
    (p.roomTag ? (COVER_BONUS[p.roomTag] ?? 0) : 0) +
    (p.metrics.orientation === 'landscape' ? 0.2 : 0) +
    p.metrics.score;
  const cover = [...kept].sort(
    (a, b) => coverScore(b) - coverScore(a) || a.position - b.position,
  )[0];

  const rank = (p: AnalysedPhoto) =>
    p.id === cover?.id ? 0 : p.metrics.flags.length ? 3 : p.roomTag === 'floor_plan' ? 2 : 1;
  const ordered = [...kept].sort((a, b) => rank(a) - rank(b) || a.position - b.position);

  const placements: Placement[] = ordered.map((p, order) => ({
    id: p.id,
    order,
    duplicateOf: null,
    caption: p.caption ?? genericCaption(order, language),
  }));
  for (const p of [...photos].sort((a, b) => a.position - b.position)) {
    const original = duplicateOf.get(p.id);
    if (!original) continue;
    const shown = placements.find((x) => x.id === original);
    placements.push({
      id: p.id,
      order: null,
      duplicateOf: original,
      caption: p.caption ?? shown?.caption ?? genericCaption(0, language),
    });
  }
  return placements;
}
