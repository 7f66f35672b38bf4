import type { Queryable } from '../db';
import { TABLES } from '../db';

export const SOCIAL_ACCOUNT_PLATFORMS = ['facebook', 'instagram'] as const;
export type SocialAccountPlatform = (typeof SOCIAL_ACCOUNT_PLATFORMS)[number];

/** Permissions each platform's posting needs (Facebook Login for Business). */
export const REQUIRED_PERMISSIONS: Record<SocialAccountPlatform, string[]> = {
  facebook: ['pages_manage_posts', 'pages_read_engagement'],
  instagram: ['instagram_basic', 'instagram_content_publish', 'pages_read_engagement'],
};

export interface SocialAccountRow {
  id: string;
  agency_id: string;
  platform: SocialAccountPlatform;
  remote_account_id: string;
  name: string;
  access_token_encrypted: string;
  permissions: string[];
  status: 'connected' | 'needs_reconnect';
  last_error: string | null;
  created_at: Date;
  updated_at: Date;
}

/** What the API shows: never the token, sealed or not. */
export const publicSocialAccount = (row: SocialAccountRow) => ({
  id: row.id,
  platform: row.platform,
  accountId: row.remote_account_id,
  name: row.name,
  permissions: row.permissions,
  status: row.status,
  lastError: row.last_error,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The agency's connected social accounts (the transaction's tenant, enforced by RLS). */
export function createSocialAccountStore(db: Queryable) {
  const accounts = () => db<SocialAccountRow>(TABLES.socialAccounts);
  return {
    list: () => accounts().orderBy('platform', 'asc'),
    get: (id: string) => accounts().where({ id }).first(),
    forPlatform: (platform: SocialAccountPlatform) => accounts().where({ platform }).first(),
    async insert(a: {
      agencyId: string;
      platform: SocialAccountPlatform;
      remoteAccountId: string;
      name: string;
      sealedToken: string;
      permissions: string[];
    }): Promise<SocialAccountRow> {
      const [row] = await accounts()
        .insert({
          agency_id: a.agencyId,
          platform: a.platform,
          remote_account_id: a.remoteAccountId,
          name: a.name,
          access_token_encrypted: a.sealedToken,
          permissions: a.permissions,
          status: 'connected',
        })
        .returning('*');
      return row as SocialAccountRow;
    },
    async markNeedsReconnect(id: string, error: string): Promise<void> {
      await accounts()
        .where({ id })
        .update({ status: 'needs_reconnect', last_error: error, updated_at: db.fn.now() });
    },
    async remove(id: string): Promise<boolean> {
      return (await accounts().where({ id }).delete()) > 0;
    },
  };
}
