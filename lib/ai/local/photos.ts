import type { PhotoDescription, PhotoRequest } from '../provider';
import { ROOM_CAPTIONS } from '../photos/captions';

/**
 * What the local provider says a photo shows: only what the measurements support. A clear
 * band of blue sky across the top is an outdoor shot; white paper with thin dark lines is a
 * floor plan. Anything else gets no tag and, later, a numbered caption: guessing "kitchen"
 * from pixel statistics would put a wrong word in front of a buyer.
 */
export function describePhoto(request: PhotoRequest): PhotoDescription {
  const { metrics, language } = request;
  if (metrics.drawing >= 0.6) {
    return { roomTag: 'floor_plan', caption: ROOM_CAPTIONS.floor_plan[language], confidence: 0.7 };
  }
  if (metrics.skyTop >= 0.5 && !metrics.flags.includes('dark')) {
    return { roomTag: 'exterior', caption: ROOM_CAPTIONS.exterior[language], confidence: 0.6 };
  }
  return { roomTag: null, caption: null, confidence: 0 };
}
