import {
  ActivityFailure,
  ApplicationFailure,
  condition,
  log,
  proxyActivities,
  proxyLocalActivities,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ReplyKind, ReplyParams } from '../../lib/whatsapp/replies';
import type { ListingRun } from './run';

/**
 * Notifications (WhatsApp replies to the agent, reminders to reviewers) run beside the
 * listing's own work, never in front of it: a Meta outage, a revoked token or a wrong number
 * must not freeze a listing. Each is retried within a bound (the worker's policy, asked once so
 * it is in history); one given up is put on the listing's timeline, so the dashboard shows it.
 * The idempotency key (listing, kind[, key]) means the agent never gets the same reply twice.
 * The run waits for those still in flight (`settled()`) before it completes or continues as new.
 */
const { notificationSettings } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
});
const { recordNotificationOutcome, remindReviewers } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 20 },
});

type Sender = Pick<Activities, 'notifyAgent'>;

export class Notifications {
  private inFlight = 0;
  private sender?: Promise<{ steps: Sender }>;

  constructor(private readonly run: ListingRun) {}

  /** Tells the agent, if the listing has one with a WhatsApp number; does not wait. */
  tellAgent(kind: ReplyKind, params: ReplyParams = {}, key?: string): void {
    const to = this.run.input.agentPhone;
    if (!to) return;
    const { agencyId, listingId } = this.run;
    this.alongside(kind, async () => {
      const { steps } = await this.senderOf();
      const sent = await steps.notifyAgent({
        agencyId,
        listingId,
        to,
        kind,
        params,
        ...(key ? { key } : {}),
      });
      if (sent.skipped) await this.record(kind, 'skipped', sent.skipped);
    });
  }

  /** The listing waited long for a decision: note it for the operators; does not wait. */
  remindReviewers(): void {
    const { agencyId, listingId } = this.run;
    this.alongside('review_reminder', () => remindReviewers({ agencyId, listingId }));
  }

  /** Resolves when no notification is in flight (before completing or continuing as new). */
  settled(): Promise<void> {
    return condition(() => this.inFlight === 0);
  }

  /**
   * Any side effect that is not the listing's own work (a reply, a social post): runs without
   * holding the listing, and a final failure goes to the listing's timeline.
   */
  alongside(notification: string, work: () => Promise<void>): void {
    this.inFlight += 1;
    void work()
      .catch((err: unknown) => this.record(notification, 'failed', reasonOf(err)))
      .catch((err: unknown) =>
        log.warn('could not record a failed notification', { notification, err: reasonOf(err) }),
      )
      .finally(() => {
        this.inFlight -= 1;
      });
  }

  private record(notification: string, outcome: 'failed' | 'skipped', reason: string) {
    return recordNotificationOutcome({
      agencyId: this.run.agencyId,
      listingId: this.run.listingId,
      notification,
      outcome,
      reason,
    });
  }

  // Wrapped in an object: a Promise resolving to the activity proxy itself would look up its
  // `then` and schedule an activity called "then".
  private senderOf(): Promise<{ steps: Sender }> {
    this.sender ??= notificationSettings().then((retry) => ({
      steps: proxyActivities<Activities>({
        startToCloseTimeout: '30 seconds',
        retry: {
          initialInterval: retry.initialIntervalMs,
          backoffCoefficient: 2,
          maximumInterval: retry.maximumIntervalMs,
          maximumAttempts: retry.maximumAttempts,
        },
      }),
    }));
    return this.sender;
  }
}

function reasonOf(err: unknown): string {
  const cause = err instanceof ActivityFailure && err.cause ? err.cause : err;
  if (cause instanceof ApplicationFailure && cause.type) return `${cause.message} (${cause.type})`;
  return cause instanceof Error ? cause.message : String(cause);
}
