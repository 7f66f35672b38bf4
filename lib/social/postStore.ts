import type { Queryable } from '../db';
import { TABLES } from '../db';
import type { SocialAccountPlatform } from './accountStore';

/** `error_code` of a post the operator chose to skip in review. */
export const SKIPPED_BY_OPERATOR = 'skipped_by_operator';

export type SocialPostState = 'scheduled' | 'posting' | 'posted' | 'failed' | 'skipped' | 'removed';

export interface SocialPostRow {
  id: string;
  agency_id: string;
  listing_id: string;
  platform: SocialAccountPlatform;
  state: SocialPostState;
  scheduled_at: Date | null;
  marker: string;
  container_id: string | null;
  remote_id: string | null;
  permalink: string | null;
  caption: string | null;
  error_code: string | null;
  last_error: string | null;
  attempts: number;
  created_at: Date;
  updated_at: Date;
}

/** What the listing page shows of a post. */
export const publicSocialPost = (row: SocialPostRow) => ({
  platform: row.platform,
  state: row.state,
  scheduledAt: row.scheduled_at,
  remoteId: row.remote_id,
  permalink: row.permalink,
  errorCode: row.error_code,
  lastError: row.last_error,
  attempts: row.attempts,
  updatedAt: row.updated_at,
});

export type SocialPostPatch = Partial<
  Pick<
    SocialPostRow,
    | 'state'
    | 'scheduled_at'
    | 'container_id'
    | 'remote_id'
    | 'permalink'
    | 'caption'
    | 'error_code'
    | 'last_error'
  >
>;

/** One post per listing and platform; every write is its own short statement. */
export function createSocialPostStore(db: Queryable) {
  const posts = () => db<SocialPostRow>(TABLES.socialPosts);
  return {
    forListing: (listingId: string) =>
      posts().where({ listing_id: listingId }).orderBy('platform', 'asc'),
    get: (listingId: string, platform: SocialAccountPlatform) =>
      posts().where({ listing_id: listingId, platform }).first(),
    /** The row for (listing, platform), created in `state` when missing; an existing row is kept. */
    async ensure(
      agencyId: string,
      listingId: string,
      platform: SocialAccountPlatform,
      marker: string,
      state: SocialPostState,
    ): Promise<SocialPostRow> {
      await posts()
        .insert({ agency_id: agencyId, listing_id: listingId, platform, marker, state })
        .onConflict(['listing_id', 'platform'])
        .ignore();
      return (await posts().where({ listing_id: listingId, platform }).first()) as SocialPostRow;
    },
    async update(id: string, patch: SocialPostPatch & { countAttempt?: boolean }): Promise<void> {
      const { countAttempt, ...fields } = patch;
      await posts()
        .where({ id })
        .update({
          ...fields,
          ...(countAttempt ? { attempts: db.raw('attempts + 1') } : {}),
          updated_at: db.fn.now(),
        } as never);
    },
  };
}
