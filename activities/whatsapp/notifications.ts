import { ApplicationFailure } from '@temporalio/common';
import type { ActivityDeps } from '../deps';
import { TABLES, withTenant } from '../../lib/db';
import { recordAudit } from '../../lib/audit/auditLog';
import type { ReplyKind, ReplyParams } from '../../lib/whatsapp/replies';
import { sendReply } from './sendReply';

/** How hard a notification is retried before it is given up and shown on the timeline. */
export interface NotificationRetry {
  initialIntervalMs: number;
  maximumIntervalMs: number;
  maximumAttempts: number;
}

/** About half an hour of Meta being unreachable (5 s doubling to 10 min, 10 attempts). */
export const DEFAULT_NOTIFICATION_RETRY: NotificationRetry = {
  initialIntervalMs: 5_000,
  maximumIntervalMs: 10 * 60_000,
  maximumAttempts: 10,
};

export type NotificationOutcome = 'failed' | 'skipped';

const NOTIFICATION_NAMES: Record<string, string> = {
  received: '"received"',
  draft_ready: '"draft ready"',
  rejected: '"not approved"',
  published: '"published"',
  correction_refused: '"correction not applied"',
  review_reminder: 'review reminder',
};

export const createNotificationActivities = (deps: ActivityDeps) => ({
  /** The worker's retry policy for notifications; the workflow asks once, so it is in history. */
  notificationSettings: (): Promise<NotificationRetry> =>
    Promise.resolve(deps.notifications ?? DEFAULT_NOTIFICATION_RETRY),

  /**
   * Tells the agent about their listing; one message per (listing, kind). An agency without a
   * WhatsApp number connected (an app submission from an agent who has one) skips the reply.
   */
  async notifyAgent(input: {
    agencyId: string;
    listingId: string;
    to: string;
    kind: ReplyKind;
    params?: ReplyParams;
    /** Tells apart replies of one kind that answer different messages (a correction's id). */
    key?: string;
  }): Promise<{ providerMessageId: string; alreadySent: boolean; skipped?: string }> {
    try {
      const { key, ...reply } = input;
      const idempotencyKey = `${input.listingId}:${input.kind}${key ? `:${key}` : ''}`;
      return await sendReply(deps, { ...reply, idempotencyKey });
    } catch (err) {
      if (err instanceof ApplicationFailure && err.type === 'NoWhatsAppChannel')
        return { providerMessageId: '', alreadySent: false, skipped: err.message };
      throw err;
    }
  },

  /**
   * Puts a notification that was given up (or skipped) on the listing's timeline, in words.
   * Once per (listing, notification, outcome): a retried activity writes no second row.
   */
  async recordNotificationOutcome(input: {
    agencyId: string;
    listingId: string;
    notification: string;
    outcome: NotificationOutcome;
    reason: string;
  }): Promise<void> {
    const action = `listing.notification_${input.outcome}`;
    await withTenant(deps.db, input.agencyId, async (tx) => {
      const already: unknown = await tx(TABLES.auditLog)
        .where({ target_type: 'listing', target_id: input.listingId, action })
        .whereRaw(`data->>'notification' = ?`, [input.notification])
        .first('id');
      if (already) return;
      const name = NOTIFICATION_NAMES[input.notification] ?? input.notification;
      await recordAudit(tx, {
        agencyId: input.agencyId,
        actor: { type: 'system' },
        action,
        target: { type: 'listing', id: input.listingId },
        data: {
          notification: input.notification,
          reason: input.reason,
          message:
            input.outcome === 'failed'
              ? `The ${name} notification could not be sent: ${input.reason}`
              : `The ${name} notification was skipped: ${input.reason}`,
        },
      });
    });
  },
});
