import type { ActivityDeps } from '../deps';
import type { ReplyKind, ReplyParams } from '../../lib/whatsapp/replies';
import { sendReply } from './sendReply';

export const createWhatsAppActivities = (deps: ActivityDeps) => ({
  /** Tells the agent about their listing; one message per (listing, kind). */
  notifyAgent: (input: {
    agencyId: string;
    listingId: string;
    to: string;
    kind: ReplyKind;
    params?: ReplyParams;
  }) => sendReply(deps, { ...input, idempotencyKey: `${input.listingId}:${input.kind}` }),

  replyToUnknownSender: (input: { agencyId: string; phone: string; channelId: string | null }) =>
    sendReply(deps, {
      agencyId: input.agencyId,
      to: input.phone,
      kind: 'unknown_sender',
      channelId: input.channelId,
      idempotencyKey: `unknown-sender:${input.phone}`,
    }),
});
