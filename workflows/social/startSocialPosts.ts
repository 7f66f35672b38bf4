import {
  ParentClosePolicy,
  log,
  proxyActivities,
  startChild,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Activities } from '../../activities';
import { TenantId } from '../shared/searchAttributes';
import { socialPostWorkflowId } from './messages';
import { socialPostWorkflow } from './socialPostWorkflow';

const { planSocialPosts } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  // Bounded: social posts are not the listing's own work, so they give up rather than linger.
  retry: { initialInterval: '2 seconds', maximumInterval: '1 minute', maximumAttempts: 10 },
});

/**
 * After WordPress publishing: one post workflow per platform the listing goes out on. Each is
 * abandoned by the listing (it outlives continue-as-new and never holds the listing), and its
 * id makes a second start of the same post a no-op. Never throws: a failure here is logged and
 * shows on the post rows, while the listing moves on.
 */
export async function startSocialPosts(agencyId: string, listingId: string): Promise<void> {
  try {
    const planned = await planSocialPosts({ agencyId, listingId });
    for (const { platform, at } of planned) {
      try {
        await startChild(socialPostWorkflow, {
          workflowId: socialPostWorkflowId(agencyId, listingId, platform),
          args: [{ agencyId, listingId, platform, at }],
          parentClosePolicy: ParentClosePolicy.ABANDON,
          typedSearchAttributes: [{ key: TenantId, value: agencyId }],
          taskQueue: workflowInfo().taskQueue,
        });
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
    }
  } catch (err) {
    log.warn('social posts could not be started', { listingId, error: String(err) });
  }
}

const { archiveSocialPosts, updateSocialPosts } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', maximumAttempts: 10 },
});

/** Sold or withdrawn: the listing's social posts come down where the platform allows. Never throws. */
export async function archiveSocialPostsOf(agencyId: string, listingId: string): Promise<void> {
  try {
    await archiveSocialPosts({ agencyId, listingId });
  } catch (err) {
    log.warn('social posts could not be archived', { listingId, error: String(err) });
  }
}

/** An edit after publication reaches the posts that can be edited. Never throws. */
export async function updateSocialPostsOf(agencyId: string, listingId: string): Promise<void> {
  try {
    await updateSocialPosts({ agencyId, listingId });
  } catch (err) {
    log.warn('social posts could not be updated', { listingId, error: String(err) });
  }
}
