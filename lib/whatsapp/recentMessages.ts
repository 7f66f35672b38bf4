import type { Db } from '../db';

/**
 * Meta ids of messages this process has seen committed, per agency. Meta re-delivers a
 * message whenever its 200 was late or lost, and under load that is most of the traffic: a
 * re-delivery this process already knows to be stored is acknowledged without a database round
 * trip. Only committed ids go in, so a hit is never a message that could still be lost; a miss
 * (another replica stored it, or it aged out) falls through to the insert, which is idempotent
 * on its own. Bounded: the oldest ids leave first.
 */
const CAPACITY = 100_000;
const caches = new WeakMap<Db, Map<string, true>>();

function cacheOf(db: Db): Map<string, true> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map<string, true>()));
  return cache;
}

const keyOf = (agencyId: string, providerMessageId: string) =>
  `${agencyId}\u0000${providerMessageId}`;

export function isKnownStored(db: Db, agencyId: string, providerMessageId: string): boolean {
  return cacheOf(db).has(keyOf(agencyId, providerMessageId));
}

export function rememberStored(db: Db, agencyId: string, providerMessageId: string): void {
  const cache = cacheOf(db);
  cache.set(keyOf(agencyId, providerMessageId), true);
  if (cache.size > CAPACITY) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
}
