import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';

const { replyToUnknownSender } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', maximumAttempts: 20 },
});

/**
 * Someone who is not a registered agent wrote to the agency's number: their messages are
 * stored but not processed, and they get one polite reply (this workflow's id is never reused).
 */
export async function unknownSenderWorkflow(input: {
  agencyId: string;
  phone: string;
  channelId: string | null;
}): Promise<void> {
  await replyToUnknownSender(input);
}
