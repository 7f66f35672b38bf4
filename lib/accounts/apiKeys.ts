import type { Queryable } from '../db';
import { TABLES } from '../db';
import { constantTimeEqual, randomToken, sha256Hex } from '../crypto/tokens';

export interface ApiKeyRow {
  id: string;
  agency_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  role: 'admin' | 'agent';
  created_by: string | null;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  created_at: Date;
}

/**
 * API keys look like `ra_<prefix>_<secret>`. The prefix is public and indexed (it routes the
 * request to its agency before the tenant is known); only the secret's SHA-256 is stored.
 */
export function mintApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomToken(6).replace(/[-_]/g, 'x');
  const secret = randomToken(32);
  return { key: `ra_${prefix}_${secret}`, prefix, hash: sha256Hex(secret) };
}

export function parseApiKey(key: string): { prefix: string; secret: string } | undefined {
  const match = /^ra_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{43})$/.exec(key);
  return match ? { prefix: match[1]!, secret: match[2]! } : undefined;
}

export const apiKeySecretMatches = (row: ApiKeyRow, secret: string): boolean =>
  constantTimeEqual(row.key_hash, sha256Hex(secret));

export function publicApiKey(row: ApiKeyRow) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

export function createApiKeyStore(db: Queryable) {
  const keys = () => db<ApiKeyRow>(TABLES.apiKeys);
  return {
    get: (id: string) => keys().where({ id }).first(),
    list: () => keys().orderBy('created_at', 'desc'),
    async insert(k: {
      agencyId: string;
      name: string;
      role: ApiKeyRow['role'];
      createdBy: string | null;
      prefix: string;
      hash: string;
      expiresAt: Date | null;
    }) {
      const [row] = await keys()
        .insert({
          agency_id: k.agencyId,
          name: k.name,
          role: k.role,
          created_by: k.createdBy,
          prefix: k.prefix,
          key_hash: k.hash,
          expires_at: k.expiresAt,
        })
        .returning('*');
      return row as ApiKeyRow;
    },
    async revoke(id: string): Promise<ApiKeyRow | undefined> {
      const [row] = await keys()
        .where({ id })
        .whereNull('revoked_at')
        .update({ revoked_at: new Date() })
        .returning('*');
      return row;
    },
    /**
     * Records that the key was used, at most once a minute: concurrent requests with one key
     * mostly skip the write, and the one that makes it holds the row's lock only for the
     * authentication transaction, never for the request.
     */
    noteUse: (id: string) =>
      keys()
        .where({ id })
        .where((q) =>
          q
            .whereNull('last_used_at')
            .orWhere('last_used_at', '<', db.raw(`now() - interval '1 minute'`)),
        )
        .update({ last_used_at: db.fn.now() }),
  };
}
