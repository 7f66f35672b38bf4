import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { ActivityDeps } from '../deps';
import { withTenant } from '../../lib/db';
import { billingContext } from '../../lib/billing/entitlements';
import {
  createSocialAccountStore,
  SOCIAL_ACCOUNT_PLATFORMS,
  type SocialAccountRow,
  type SocialAccountPlatform,
} from '../../lib/social/accountStore';
import {
  createSocialPostStore,
  SKIPPED_BY_OPERATOR,
  type SocialPostRow,
} from '../../lib/social/postStore';
import { createSocialGraphClient } from '../../lib/social/graphClient';
import { SocialGraphError } from '../../lib/social/errors';
import { postToFacebookPage, postToInstagram, type RecordPost } from '../../lib/social/publish';
import { loadPostContent, signPhotos } from './content';
import { toSocialFailure } from './failures';

export interface SocialPostInput {
  agencyId: string;
  listingId: string;
  platform: SocialAccountPlatform;
}

export interface SocialSettings {
  graphUrl: string;
  /** Instagram container polling inside one attempt; Temporal retries beyond it. */
  pollIntervalMs?: number;
  pollAttempts?: number;
}

/**
 * Social publishing after WordPress: each activity works on one (listing, platform), is safe to
 * run twice, and records its outcome on `social_posts`, which the listing page shows.
 */
export const createSocialActivities = (deps: ActivityDeps) => {
  const settings = deps.social;
  /** A Graph API client with the account's token, opened for this one use. */
  const clientFor = (account: SocialAccountRow) =>
    createSocialGraphClient(
      settings?.graphUrl ?? '',
      deps.secrets.open(account.access_token_encrypted),
    );
  const posts = <T>(
    agencyId: string,
    work: (s: ReturnType<typeof createSocialPostStore>) => Promise<T>,
  ) => withTenant(deps.db, agencyId, (tx) => work(createSocialPostStore(tx)));

  return {
    /**
     * Which posts go out now that the listing is live: every connected platform the operator
     * did not skip (their choice, made in review, is on `social_posts`), within the plan's
     * number of social platforms. A platform that cannot post gets the reason on its row, so
     * the listing page says why.
     */
    async planSocialPosts(input: {
      agencyId: string;
      listingId: string;
    }): Promise<Array<{ platform: SocialAccountPlatform; at: string | null }>> {
      return withTenant(deps.db, input.agencyId, async (tx) => {
        const accounts = createSocialAccountStore(tx);
        const store = createSocialPostStore(tx);
        const billing = await billingContext(tx, input.agencyId);
        const limit = billing.entitlements.social_platforms;
        const allowed =
          billing.standing.access === 'read_only' ? 0 : (limit ?? Number.POSITIVE_INFINITY);
        const chosen: Array<{ platform: SocialAccountPlatform; at: string | null }> = [];
        for (const platform of SOCIAL_ACCOUNT_PLATFORMS) {
          const existing = await store.get(input.listingId, platform);
          if (existing?.remote_id || existing?.error_code === SKIPPED_BY_OPERATOR) continue;
          if (!(await accounts.forPlatform(platform))) continue;
          const row =
            existing ??
            (await store.ensure(input.agencyId, input.listingId, platform, '', 'scheduled'));
          if (chosen.length >= allowed) {
            await store.update(row.id, {
              state: 'skipped',
              error_code: 'plan_limit',
              last_error: `The plan allows ${allowed} social platform(s); upgrade to post on ${platform}`,
            });
            continue;
          }
          await store.update(row.id, { state: 'scheduled' });
          chosen.push({ platform, at: row.scheduled_at ? row.scheduled_at.toISOString() : null });
        }
        return chosen;
      });
    },

    /** Posts the listing on one platform, at most once (see lib/social/publish.ts). */
    async postSocial(
      input: SocialPostInput,
    ): Promise<{ remoteId: string; permalink: string | null }> {
      const ctx = Context.current();
      const signal = ctx.cancellationSignal;
      const opened = await withTenant(deps.db, input.agencyId, async (tx) => {
        const account = await createSocialAccountStore(tx).forPlatform(input.platform);
        const content = await loadPostContent(tx, input.listingId, input.platform);
        const row =
          'missing' in content
            ? undefined
            : await createSocialPostStore(tx).ensure(
                input.agencyId,
                input.listingId,
                input.platform,
                content.link,
                'scheduled',
              );
        return { account, content, row };
      });
      const fail = async (code: string, message: string, row?: SocialPostRow) => {
        if (row)
          await posts(input.agencyId, (s) =>
            s.update(row.id, { state: 'failed', error_code: code, last_error: message }),
          );
        return ApplicationFailure.nonRetryable(message, code);
      };
      if (!opened.account)
        throw await fail(
          'Social_account_missing',
          `No ${input.platform} account is connected`,
          opened.row,
        );
      if ('missing' in opened.content || !opened.row)
        throw await fail(
          'Social_content_missing',
          'missing' in opened.content ? opened.content.missing : 'no post row',
        );
      const { account, row } = opened;
      const content = await signPhotos(deps.storage, opened.content);
      const client = clientFor(account);
      const record: RecordPost = (patch) => posts(input.agencyId, (s) => s.update(row.id, patch));
      try {
        const outcome =
          input.platform === 'facebook'
            ? await postToFacebookPage(
                client,
                account.remote_account_id,
                row,
                content,
                record,
                signal,
              )
            : await postToInstagram(client, account.remote_account_id, row, content, record, {
                pollIntervalMs: settings?.pollIntervalMs ?? 2000,
                pollAttempts: settings?.pollAttempts ?? 10,
                signal,
              });
        return { remoteId: outcome.remoteId, permalink: outcome.permalink };
      } catch (err) {
        const failure = toSocialFailure(err);
        if (err instanceof SocialGraphError) {
          const permanent = !err.retryable;
          await record({
            ...(permanent ? { state: 'failed' } : {}),
            error_code: err.kind,
            last_error: err.message,
          }).catch(() => undefined);
          if (err.kind === 'token_expired')
            await withTenant(deps.db, input.agencyId, (tx) =>
              createSocialAccountStore(tx).markNeedsReconnect(account.id, err.message),
            ).catch(() => undefined);
        }
        throw failure;
      }
    },

    /** The workflow gave up on a post (retries exhausted): the reason stays on the listing. */
    async markSocialPostFailed(input: SocialPostInput & { error: string }): Promise<void> {
      await posts(input.agencyId, async (s) => {
        const row = await s.get(input.listingId, input.platform);
        if (row && !row.remote_id)
          await s.update(row.id, { state: 'failed', last_error: input.error });
      });
    },

    /**
     * The listing was edited after it went live: a Facebook post gets the current copy (the
     * Pages API allows editing a post's message); Instagram's API cannot edit a caption, so the
     * row says so.
     */
    async updateSocialPosts(input: { agencyId: string; listingId: string }): Promise<void> {
      const rows = await posts(input.agencyId, (s) => s.forListing(input.listingId));
      for (const row of rows) {
        if (!row.remote_id || row.state !== 'posted') continue;
        if (row.platform === 'instagram') {
          await posts(input.agencyId, (s) =>
            s.update(row.id, {
              last_error:
                "Instagram's API cannot edit a published caption; the post keeps its first text",
            }),
          );
          continue;
        }
        const opened = await withTenant(deps.db, input.agencyId, async (tx) => ({
          account: await createSocialAccountStore(tx).forPlatform('facebook'),
          content: await loadPostContent(tx, input.listingId, 'facebook'),
        }));
        if (!opened.account || 'missing' in opened.content) continue;
        if (opened.content.caption === row.caption) continue;
        const client = clientFor(opened.account);
        try {
          await client.editPagePost(
            row.remote_id,
            opened.content.caption,
            Context.current().cancellationSignal,
          );
        } catch (err) {
          throw toSocialFailure(err);
        }
        const caption = opened.content.caption;
        await posts(input.agencyId, (s) => s.update(row.id, { caption }));
      }
    },

    /**
     * Sold or withdrawn: a Facebook post is deleted (the Pages API allows it); Instagram's API
     * can neither edit nor delete a published post, so it stays and the listing page says so.
     */
    async archiveSocialPosts(input: { agencyId: string; listingId: string }): Promise<void> {
      const rows = await posts(input.agencyId, (s) => s.forListing(input.listingId));
      for (const row of rows) {
        if (!row.remote_id || row.state === 'removed') continue;
        if (row.platform === 'instagram') {
          await posts(input.agencyId, (s) =>
            s.update(row.id, {
              last_error:
                "Instagram's API cannot remove a published post; remove it in the app if needed",
            }),
          );
          continue;
        }
        const account = await withTenant(deps.db, input.agencyId, (tx) =>
          createSocialAccountStore(tx).forPlatform('facebook'),
        );
        if (!account) continue;
        const client = clientFor(account);
        try {
          await client.deleteObject(row.remote_id, Context.current().cancellationSignal);
        } catch (err) {
          throw toSocialFailure(err);
        }
        await posts(input.agencyId, (s) => s.update(row.id, { state: 'removed' }));
      }
    },
  };
};
