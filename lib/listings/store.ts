import type { Queryable } from '../db';
import { TABLES } from '../db';

export interface ListingRow {
  id: string;
  agency_id: string;
  agent_user_id: string | null;
  status: string;
  title: string | null;
  language: string | null;
  evidence: Record<string, unknown>;
  features: unknown[];
  extras: Record<string, unknown>;
  workflow_id: string | null;
  last_error: string | null;
  created_at: Date;
  updated_at: Date;
  [column: string]: unknown;
}

export interface ListingFilter {
  status?: string;
  agentUserId?: string;
  text?: string;
  limit: number;
  offset: number;
}

/** Listings of the transaction's agency (RLS); callers add the agent restriction for agents. */
export function createListingStore(db: Queryable) {
  const listings = () => db<ListingRow>(TABLES.listings);
  return {
    get: (id: string) => listings().where({ id }).first(),

    async list(filter: ListingFilter): Promise<{ rows: ListingRow[]; total: number }> {
      const q = listings().modify((b) => {
        if (filter.status) b.where('status', filter.status);
        if (filter.agentUserId) b.where('agent_user_id', filter.agentUserId);
        if (filter.text) {
          const like = `%${filter.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
          b.where((w) =>
            w
              .whereILike('title', like)
              .orWhereILike('city', like)
              .orWhereILike('unparsed_address', like)
              .orWhereILike('public_remarks', like),
          );
        }
      });
      const counted = await q.clone().count<Array<{ n: string }>>({ n: '*' });
      const rows: ListingRow[] = await q
        .orderBy([
          { column: 'created_at', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(filter.limit)
        .offset(filter.offset)
        .select<ListingRow[]>('*');
      return { rows, total: Number(counted[0]?.n ?? 0) };
    },

    async countsByStatus(agentUserId?: string): Promise<Record<string, number>> {
      const rows = await listings()
        .modify((b) => {
          if (agentUserId) b.where('agent_user_id', agentUserId);
        })
        .groupBy('status')
        .select('status')
        .count<Array<{ status: string; n: string }>>({ n: '*' });
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    },

    assets: (listingId: string) =>
      db(TABLES.listingAssets)
        .where({ listing_id: listingId })
        .orderByRaw('"order" asc nulls last, created_at asc')
        .select<
          Array<
            Record<string, unknown> & { id: string; storage_key: string | null; status: string }
          >
        >(),

    messages: (listingId: string) =>
      db(TABLES.inboundMessages)
        .where({ listing_id: listingId })
        .orderBy([
          { column: 'sent_at', order: 'asc' },
          { column: 'received_at', order: 'asc' },
        ])
        .select<
          Array<{
            id: string;
            kind: string;
            from_phone: string;
            payload: unknown;
            sent_at: Date | null;
            received_at: Date;
          }>
        >(),

    drafts: (listingId: string) =>
      db(TABLES.drafts)
        .where({ listing_id: listingId })
        .orderBy('created_at', 'asc')
        .select<Array<Record<string, unknown> & { id: string; content: string }>>(),

    timeline: (listingId: string) =>
      db(TABLES.auditLog)
        .where({ target_type: 'listing', target_id: listingId })
        .orderBy('created_at', 'asc')
        .select<
          Array<{
            action: string;
            actor_type: string;
            actor_id: string | null;
            data: Record<string, unknown>;
            created_at: Date;
          }>
        >(),
  };
}
