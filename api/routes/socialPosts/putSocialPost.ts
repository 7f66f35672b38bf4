import type { Middleware } from 'koa';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { inTenant } from '../../scope';
import { validate } from '../../validate';
import { ConflictError } from '../../errors';
import { visibleListing } from '../listings/access';
import { SocialPostChoice, SocialPostParams } from './schemas';
import {
  createSocialPostStore,
  publicSocialPost,
  SKIPPED_BY_OPERATOR,
} from '../../../lib/social/postStore';
import {
  cancelUpdate,
  rescheduleUpdate,
  socialPostWorkflowId,
} from '../../../workflows/social/messages';

/**
 * PUT /v1/listings/:id/social-posts/:platform: the operator's choice for one platform: `now`
 * (when the listing goes live), `schedule` at a time, or `skip`. Before publication the choice
 * is stored for the listing workflow to read; once the post's workflow is waiting on its
 * timer, a new time or a skip is an Update to it (refused with 409 once it is posting).
 */
export const putSocialPost =
  (deps: Pick<ApiDeps, 'temporal'>): Middleware<AppState> =>
  async (ctx) => {
    const { id, platform } = validate(SocialPostParams, ctx.params);
    const choice = validate(SocialPostChoice, ctx.request.body);
    const { listing, agencyId } = await inTenant(ctx, async (s) => {
      const found = await visibleListing(s, id);
      const row = await createSocialPostStore(s.tx).ensure(
        s.principal.agencyId,
        found.id,
        platform,
        '',
        'scheduled',
      );
      if (row.remote_id || row.state === 'posting')
        throw new ConflictError(
          'social_post_under_way',
          `The ${platform} post is already ${row.state}`,
        );
      return { listing: found, agencyId: s.principal.agencyId };
    });

    // The Update goes out with no transaction open.
    const at = choice.mode === 'schedule' ? choice.at : null;
    const handle = deps.temporal.client.workflow.getHandle(
      socialPostWorkflowId(agencyId, listing.id, platform),
    );
    try {
      if (choice.mode === 'skip') await handle.executeUpdate(cancelUpdate);
      else await handle.executeUpdate(rescheduleUpdate, { args: [{ at }] });
    } catch (err) {
      // No post workflow yet (the listing is not live): the stored choice is what counts.
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
    ctx.body = await inTenant(ctx, async (s) => {
      const posts = createSocialPostStore(s.tx);
      const row = await posts.get(listing.id, platform);
      if (!row) return null;
      await posts.update(row.id, {
        state: choice.mode === 'skip' ? 'skipped' : 'scheduled',
        scheduled_at: at ? new Date(at) : null,
        error_code: choice.mode === 'skip' ? SKIPPED_BY_OPERATOR : null,
        last_error: null,
      });
      await s.audit({
        action: 'social_post.chosen',
        target: { type: 'listing', id: listing.id },
        data: { platform, mode: choice.mode, at },
      });
      const updated = await posts.get(listing.id, platform);
      return updated ? publicSocialPost(updated) : null;
    });
  };
