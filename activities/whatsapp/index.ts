import type { ActivityDeps } from '../deps';
import { sendReply } from './sendReply';
import { createNotificationActivities } from './notifications';

export const createWhatsAppActivities = (deps: ActivityDeps) => ({
  ...createNotificationActivities(deps),

  replyToUnknownSender: (input: { agencyId: string; phone: string; channelId: string | null }) =>
    sendReply(deps, {
      agencyId: input.agencyId,
      to: input.phone,
      kind: 'unknown_sender',
      channelId: input.channelId,
      idempotencyKey: `unknown-sender:${input.phone}`,
    }),
});
