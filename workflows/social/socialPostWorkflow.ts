import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import {
  cancelUpdate,
  rescheduleUpdate,
  socialPostStatusQuery,
  type SocialPostStatus,
  type SocialPostWorkflowInput,
} from './messages';

const { postSocial } = proxyActivities<Activities>({
  // Instagram containers are polled inside an attempt for up to ~20 s; the rest is retries.
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '10 seconds',
    backoffCoefficient: 2,
    maximumInterval: '30 minutes',
    // Rate limits wait as long as Meta says (nextRetryDelay); an outage gets about a day.
    maximumAttempts: 15,
  },
});
const { markSocialPostFailed } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * One social post of a published listing. The listing workflow starts it after WordPress
 * publishing and does not wait for it, so a Meta outage or an expired token never holds the
 * listing. A scheduled post waits on a durable timer (it survives worker restarts);
 * `reschedule` and `cancel` are Updates, refused once the post is under way. The post itself is
 * at most once: the activity records the remote id before and after (lib/social/publish.ts).
 */
export async function socialPostWorkflow(
  input: SocialPostWorkflowInput,
): Promise<SocialPostStatus> {
  const status: SocialPostStatus = { phase: 'waiting', at: input.at ?? null };
  let changed = false;

  setHandler(socialPostStatusQuery, () => status);
  setHandler(
    rescheduleUpdate,
    ({ at }) => {
      status.at = at;
      changed = true;
      return status;
    },
    {
      validator: ({ at }: { at: string | null }) => {
        if (status.phase !== 'waiting')
          throw ApplicationFailure.nonRetryable(
            `The post is ${status.phase}`,
            'SocialPostNotWaiting',
          );
        if (at !== null && Number.isNaN(Date.parse(at)))
          throw ApplicationFailure.nonRetryable('Not a valid time', 'InvalidScheduleTime');
      },
    },
  );
  setHandler(
    cancelUpdate,
    () => {
      status.phase = 'cancelled';
      changed = true;
      return status;
    },
    {
      validator: () => {
        if (status.phase !== 'waiting')
          throw ApplicationFailure.nonRetryable(
            `The post is ${status.phase}`,
            'SocialPostNotWaiting',
          );
      },
    },
  );

  // Wait for the scheduled time; a reschedule restarts the wait, a cancel ends it.
  for (;;) {
    changed = false;
    const wait = status.at ? Date.parse(status.at) - Date.now() : 0;
    if (wait <= 0) break;
    const interrupted = await condition(() => changed, wait);
    if (status.phase === 'cancelled') return status;
    if (!interrupted) break;
  }
  if (status.phase === 'cancelled') return status;

  status.phase = 'posting';
  const post = { agencyId: input.agencyId, listingId: input.listingId, platform: input.platform };
  try {
    const done = await postSocial(post);
    Object.assign(status, { phase: 'posted', remoteId: done.remoteId, permalink: done.permalink });
  } catch (err) {
    const cause = err instanceof ActivityFailure && err.cause ? err.cause : err;
    const message = cause instanceof Error ? cause.message : String(cause);
    Object.assign(status, { phase: 'failed', error: message });
    await markSocialPostFailed({ ...post, error: message });
  }
  return status;
}
