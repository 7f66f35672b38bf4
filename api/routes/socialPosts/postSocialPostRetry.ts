import type { Middleware } from 'koa';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { inTenant } from '../../scope';
import { validate } from '../../validate';
import { ConflictError } from '../../errors';
import { visibleListing } from '../listings/access';
import { SocialPostParams } from './schemas';
import { createSocialPostStore, publicSocialPost } from '../../../lib/social/postStore';
import { socialPostWorkflowId } from '../../../workflows/social/messages';
import type { socialPostWorkflow } from '../../../workflows/social/socialPostWorkflow';
import { TenantId } from '../../../workflows/shared/searchAttributes';

/**
 * POST /v1/listings/:id/social-posts/:platform/retry: posts a failed post again (after the
 * owner reconnected the account, say). The post's workflow id is the same, so a retry while one
 * runs is a 409, and the activity's remote-id record means a post that did go out is not
 * posted twice.
 */
export const postSocialPostRetry =
  (deps: Pick<ApiDeps, 'temporal' | 'config'>): Middleware<AppState> =>
  async (ctx) => {
    const { id, platform } = validate(SocialPostParams, ctx.params);
    const { listing, row, agencyId } = await inTenant(ctx, async (s) => {
      const found = await visibleListing(s, id);
      const post = await createSocialPostStore(s.tx).get(found.id, platform);
      if (!post || post.state !== 'failed')
        throw new ConflictError(
          'social_post_not_failed',
          `Only a failed post can be retried (this one is ${post?.state ?? 'not planned'})`,
        );
      return { listing: found, row: post, agencyId: s.principal.agencyId };
    });
    // The start goes out with no transaction open.
    try {
      await deps.temporal.client.workflow.start<typeof socialPostWorkflow>('socialPostWorkflow', {
        taskQueue: deps.config.TASK_QUEUE_LISTINGS,
        workflowId: socialPostWorkflowId(agencyId, listing.id, platform),
        args: [{ agencyId, listingId: listing.id, platform }],
        typedSearchAttributes: [{ key: TenantId, value: agencyId }],
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError)
        throw new ConflictError('social_post_under_way', `The ${platform} post is being retried`);
      throw err;
    }
    await inTenant(ctx, async (s) => {
      await createSocialPostStore(s.tx).update(row.id, {
        state: 'scheduled',
        scheduled_at: null,
        last_error: null,
      });
      await s.audit({
        action: 'social_post.retried',
        target: { type: 'listing', id: listing.id },
        data: { platform },
      });
    });
    ctx.status = 202;
    ctx.body = publicSocialPost({ ...row, state: 'scheduled', last_error: null });
  };
