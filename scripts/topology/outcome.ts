import type { Cluster } from './cluster';
import type { SentMessage } from './bursts';
import { adminApi } from '../../test/publishing/support';

/**
 * The audit after the scenario: what was sent against what was stored, drafted, published and
 * replied, read from the database, WordPress and the Graph API double (never from the
 * processes' own account of it).
 */
export interface ListingRow {
  id: string;
  status: string;
  agency_id: string;
  workflow_id: string;
}

/** Listing statuses counted at the instant a worker was SIGKILLed. */
export interface Kill {
  worker: string;
  /** What the scenario meant to interrupt: `drafting` or `publishing`. */
  during: string;
  statuses: Record<string, number>;
  /** How many WhatsApp replies Meta had accepted by then. */
  repliesBefore: number;
}

/** A reply Meta accepted twice: the worker died after Meta's answer, before it was recorded. */
export interface RepeatedReply {
  to: string;
  kind: string;
  /** The kill it happened before. */
  beforeKillOf: string;
}

export interface Outcome {
  sent: number;
  /** Distinct sent message ids found in the inbox. */
  stored: number;
  /** Sent message ids not stored. */
  lost: string[];
  /** Inbox rows beyond one per message id. */
  duplicated: number;
  bursts: number;
  listings: number;
  /** Agents whose burst is not exactly one listing (split, or not linked to one). */
  burstsNotOneListing: number;
  published: number;
  /** WordPress posts (any status, trash included) per listing id. */
  postsPerListing: Record<string, number>;
  /** Listings whose text does not read in the order the agent sent its messages. */
  outOfOrder: Array<{ listingId: string; sent: string[]; read: string[] }>;
  /** Agents whose messages went through more than one API replica. */
  agentsAcrossReplicas: number;
  /** Agents one of whose later messages was delivered before an earlier one. */
  agentsDeliveredOutOfOrder: number;
  kills: Kill[];
  temporalRestarts: number;
  replies: {
    /** Messages Meta accepted. */
    accepted: number;
    /** Replies the product recorded (one per listing and kind). */
    recorded: number;
    /** Recorded replies Meta never accepted. */
    unsent: number;
    repeated: RepeatedReply[];
    /** Accepted messages that are neither recorded nor a repeat explained by a kill. */
    unexplained: number;
    /** Recorded replies per kind. */
    byKind: Record<string, number>;
  };
}

export const countStatuses = (rows: ListingRow[]): Record<string, number> =>
  rows.reduce<Record<string, number>>(
    (acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }),
    {},
  );

export async function auditOutcome(
  cluster: Cluster,
  sent: SentMessage[],
  kills: Kill[],
  temporalRestarts: number,
): Promise<Outcome> {
  const { db, wp, graph } = cluster;
  const inbox: Array<{ id: string; provider_message_id: string; listing_id: string | null }> =
    await db.owner('inbound_messages').select('id', 'provider_message_id', 'listing_id');
  const byProviderId = new Map(inbox.map((m) => [m.provider_message_id, m]));
  const providerIdOf = new Map(inbox.map((m) => [m.id, m.provider_message_id]));
  const lost = sent.filter((m) => !byProviderId.has(m.id)).map((m) => m.id);
  const listings: Array<ListingRow & { extras: { source?: { segments?: Segment[] } } }> = await db
    .owner('listings')
    .select('id', 'status', 'agency_id', 'workflow_id', 'extras');

  const agents = groupBy(sent, (m) => m.phone);
  let burstsNotOneListing = 0;
  let agentsAcrossReplicas = 0;
  let agentsDeliveredOutOfOrder = 0;
  const outOfOrder: Outcome['outOfOrder'] = [];
  for (const messages of agents.values()) {
    const listingIds = new Set(messages.map((m) => byProviderId.get(m.id)?.listing_id ?? null));
    const [listingId] = [...listingIds];
    if (listingIds.size !== 1 || !listingId) burstsNotOneListing += 1;
    if (new Set(messages.map((m) => m.replica)).size > 1) agentsAcrossReplicas += 1;
    if (messages.some((m, i) => i > 0 && m.timestamp < messages[i - 1]!.timestamp))
      agentsDeliveredOutOfOrder += 1;
    if (!listingId) continue;
    const inSenderOrder = [...messages].sort((a, b) => a.timestamp - b.timestamp).map((m) => m.id);
    const segments = listings.find((l) => l.id === listingId)?.extras.source?.segments ?? [];
    const read = segments
      .filter((s) => s.kind === 'submission')
      .map((s) => providerIdOf.get(s.messageId) ?? s.messageId);
    if (read.join() !== inSenderOrder.join())
      outOfOrder.push({ listingId, sent: inSenderOrder, read });
  }

  // Every post on the site in any status; a listing's post slug ends with its id's first 8.
  const onSite = (await adminApi(wp).get(
    '/wp/v2/posts?status=publish,future,draft,pending,private,trash&context=edit&per_page=100',
  )) as Array<{ slug: string }>;
  const postsPerListing = Object.fromEntries(
    listings.map((l) => [
      l.id,
      onSite.filter((p) => p.slug.endsWith(`-${l.id.slice(0, 8)}`)).length,
    ]),
  );

  return {
    sent: sent.length,
    stored: sent.length - lost.length,
    lost,
    duplicated: inbox.length - byProviderId.size,
    bursts: agents.size,
    listings: listings.length,
    burstsNotOneListing,
    published: listings.filter((l) => l.status === 'published').length,
    postsPerListing,
    outOfOrder,
    agentsAcrossReplicas,
    agentsDeliveredOutOfOrder,
    kills,
    temporalRestarts,
    replies: await auditReplies(cluster, kills, graph.sent),
  };
}

interface Segment {
  messageId: string;
  kind: string;
}

/**
 * Each reply is recorded once per (listing, kind) before it is sent, and Meta's message id is
 * written on it after Meta accepts it (activities/whatsapp/sendReply.ts). A worker killed
 * between the two sends it again on retry: the earlier copy is accepted but never recorded.
 * Such a repeat is explained only if it was accepted before a kill; anything else is counted.
 */
async function auditReplies(
  cluster: Cluster,
  kills: Kill[],
  accepted: Array<{ id: string; to: string; text: string }>,
): Promise<Outcome['replies']> {
  const rows: Array<{
    kind: string;
    to_phone: string;
    provider_message_id: string | null;
    body: { text?: string };
  }> = await cluster.db
    .owner('outbound_messages')
    .select('kind', 'to_phone', 'provider_message_id', 'body');
  const recordedIds = new Set(rows.map((r) => r.provider_message_id).filter(Boolean));
  const repeated: RepeatedReply[] = [];
  let unexplained = 0;
  accepted.forEach((message, index) => {
    if (recordedIds.has(message.id)) return;
    const original = rows.find(
      (r) => r.to_phone === message.to && r.body.text === message.text && r.provider_message_id,
    );
    const kill = kills.find((k) => index < k.repliesBefore);
    if (original && kill)
      repeated.push({ to: message.to, kind: original.kind, beforeKillOf: kill.worker });
    else unexplained += 1;
  });
  const byKind: Record<string, number> = {};
  for (const r of rows) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
  return {
    accepted: accepted.length,
    recorded: rows.length,
    unsent: rows.filter((r) => !r.provider_message_id).length,
    repeated,
    unexplained,
    byKind,
  };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
