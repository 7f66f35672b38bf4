import type { Db } from '../db';
import { routeWhatsAppChannel } from '../db';

export interface ChannelRoute {
  channel_id: string;
  agency_id: string;
}

/**
 * Which agency a business number belongs to, remembered for a short while: every webhook
 * asks, and the answer changes only when a number is connected elsewhere. An unknown number is
 * not remembered, so a newly connected one works at once. Per database handle, so two
 * databases in one process never share answers.
 */
const TTL_MS = 30_000;
type RouteCache = Map<string, { route: ChannelRoute; expires: number }>;
const caches = new WeakMap<Db, RouteCache>();

export async function routeChannel(
  db: Db,
  phoneNumberId: string,
): Promise<ChannelRoute | undefined> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map() as RouteCache));
  const hit = cache.get(phoneNumberId);
  const now = Date.now();
  if (hit && hit.expires > now) return hit.route;
  const route = await routeWhatsAppChannel(db, phoneNumberId);
  if (route) cache.set(phoneNumberId, { route, expires: now + TTL_MS });
  else cache.delete(phoneNumberId);
  return route;
}
