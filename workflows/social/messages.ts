import { defineQuery, defineUpdate } from '@temporalio/workflow';

export type SocialPlatform = 'facebook' | 'instagram';

export interface SocialPostWorkflowInput {
  agencyId: string;
  listingId: string;
  platform: SocialPlatform;
  /** ISO time to post at (the operator's schedule); unset: now. */
  at?: string | null;
}

export type SocialPostPhase = 'waiting' | 'posting' | 'posted' | 'failed' | 'cancelled';

export interface SocialPostStatus {
  phase: SocialPostPhase;
  at: string | null;
  remoteId?: string;
  permalink?: string | null;
  error?: string;
}

/** Move a scheduled post to another time (the agency's local time, sent as an ISO instant). */
export const rescheduleUpdate = defineUpdate<SocialPostStatus, [{ at: string | null }]>(
  'reschedule',
);
/** Do not post after all (only while it is still waiting). */
export const cancelUpdate = defineUpdate<SocialPostStatus, []>('cancel');
export const socialPostStatusQuery = defineQuery<SocialPostStatus>('status');

/** One post per listing and platform: the id makes a second start of the same post a no-op. */
export const socialPostWorkflowId = (
  agencyId: string,
  listingId: string,
  platform: SocialPlatform,
): string => `social:${agencyId}:${listingId}:${platform}`;
