import { ParentClosePolicy, proxyActivities, startChild, workflowInfo } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { Activities } from '../../activities';
import { TenantId } from '../shared/searchAttributes';
import { socialPostWorkflowId } from './messages';
import { socialPostWorkflow } from './socialPostWorkflow';

// Bounded: social posts are not the listing's own work, so these give up rather than linger;
// the listing workflow runs them beside its flow and puts a final failure on its timeline.
const { planSocialPosts, archiveSocialPosts, updateSocialPosts } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', maximumAttempts: 10 },
});

/**
 * After WordPress publishing: one post workflow per platform the listing goes out on. Each is
 * abandoned by the listing (it outlives continue-as-new and never holds the listing), and its
 * id makes a second start of the same post a no-op.
 */
export async function startSocialPosts(agencyId: string, listingId: string): Promise<void> {
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
}

/** Sold or withdrawn: the listing's social posts come down where the platform allows. */
export async function archiveSocialPostsOf(agencyId: string, listingId: string): Promise<void> {
  await archiveSocialPosts({ agencyId, listingId });
}

/** An edit after publication reaches the posts that can be edited. */
export async function updateSocialPostsOf(agencyId: string, listingId: string): Promise<void> {
  await updateSocialPosts({ agencyId, listingId });
}
