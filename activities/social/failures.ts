import { ApplicationFailure } from '@temporalio/common';
import { SocialGraphError } from '../../lib/social/errors';
import { ContainerNotReady } from '../../lib/social/publish';

/** How long to wait for Instagram to finish a container before asking again. */
const CONTAINER_RETRY = '15s';

/**
 * A social post's failure as Temporal should see it: rate limits wait as long as Meta says,
 * a person must act on an expired token, a missing permission or a rejected photo (no retry),
 * and an outage is retried with backoff.
 */
export function toSocialFailure(err: unknown): unknown {
  if (err instanceof ContainerNotReady)
    return ApplicationFailure.create({
      message: err.message,
      type: 'SocialContainerNotReady',
      nextRetryDelay: CONTAINER_RETRY,
    });
  if (!(err instanceof SocialGraphError)) return err;
  const type = `Social_${err.kind}`;
  if (err.kind === 'rate_limited')
    return ApplicationFailure.create({
      message: err.message,
      type,
      nextRetryDelay: err.retryAfterSeconds ? `${err.retryAfterSeconds}s` : undefined,
    });
  if (err.retryable) return ApplicationFailure.retryable(err.message, type);
  return ApplicationFailure.nonRetryable(err.message, type);
}
