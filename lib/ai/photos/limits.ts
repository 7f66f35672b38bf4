import os from 'node:os';

/**
 * Limits on decoding photos, the one step whose memory grows with the input. Decoding costs by
 * pixels, not bytes: a 16000x16000 PNG of under 1 MB decodes to about 1 GB. 50 megapixels
 * passes every phone camera's normal mode (and a photo sent "as document" at full quality) and
 * stops decompression bombs; sharp's own default (268 MP) lets the 16000x16000 one through.
 */
export const MAX_INPUT_PIXELS = 50_000_000;

/**
 * Photos decoded at once per process. A listing analyses its photos in parallel activities and
 * a worker runs many listings: without a bound, ten large photos arriving together took the
 * worker's memory to twice its size. One per core keeps the CPU busy and the memory flat.
 */
export const PHOTO_DECODES_AT_ONCE = Math.max(1, Math.min(4, os.availableParallelism()));

/** A counting semaphore: `run` waits for a free slot, so at most `slots` tasks run together. */
export function createGate(slots: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return {
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
      running += 1;
      try {
        return await task();
      } finally {
        running -= 1;
        waiting.shift()?.();
      }
    },
    get running() {
      return running;
    },
  };
}
