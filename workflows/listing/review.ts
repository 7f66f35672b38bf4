import { condition, proxyActivities, setHandler, ApplicationFailure } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ListingRun } from './run';
import { applyPendingCorrections, hasPendingCorrections } from './drafting';
import {
  approveSignal,
  approveUpdate,
  editedSignal,
  rejectSignal,
  rejectUpdate,
  reopenUpdate,
  type ApprovalInput,
  type RejectionInput,
  type ReopenInput,
} from './reviewMessages';

const { reviewPolicy, blockingChecks, recordDecision, remindReviewers, notifyAgent, checkDrafts } =
  proxyActivities<Activities>({
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  });

type Decision = (
  | { kind: 'approve'; input: ApprovalInput }
  | { kind: 'reject'; input: RejectionInput }
  | { kind: 'reopen'; input: ReopenInput }
) & {
  /** Filled when the main loop has applied the decision: the update's answer. */
  outcome?: { status: string } | { refused: string };
};

export type ReviewOutcome = 'approved' | 'rejected' | 'expired';

/**
 * The decision point of a listing. Handlers are registered when the run starts, so a decision
 * that arrives early is validated against the status it finds, not lost.
 */
export class Review {
  private queue: Decision[] = [];
  private edits = 0;

  constructor(private readonly run: ListingRun) {
    const inReview = () => run.view.status === 'awaiting_review';
    const refuse = (action: string): never => {
      throw new Error(`This listing is ${run.view.status}, so it cannot be ${action}`);
    };
    setHandler(approveSignal, (input) => {
      if (inReview()) this.queue.push({ kind: 'approve', input });
    });
    setHandler(rejectSignal, (input) => {
      if (inReview()) this.queue.push({ kind: 'reject', input });
    });
    setHandler(editedSignal, () => {
      this.edits += 1;
    });
    setHandler(approveUpdate, (input) => this.decide({ kind: 'approve', input }), {
      validator: (_input: ApprovalInput) => {
        if (!inReview()) refuse('approved');
      },
    });
    setHandler(rejectUpdate, (input) => this.decide({ kind: 'reject', input }), {
      validator: (input: RejectionInput) => {
        if (!inReview()) refuse('rejected');
        if (!input.reason.trim()) throw new Error('A rejection needs a reason');
      },
    });
    setHandler(reopenUpdate, (input) => this.decide({ kind: 'reopen', input }), {
      validator: (_input: ReopenInput) => {
        if (run.view.status !== 'expired') refuse('reopened');
      },
    });
  }

  /** Queues a decision and answers with its outcome once the main loop has applied it. */
  private async decide(decision: Decision): Promise<{ status: string }> {
    this.queue.push(decision);
    await condition(() => decision.outcome !== undefined);
    const outcome = decision.outcome!;
    if ('refused' in outcome)
      throw ApplicationFailure.nonRetryable(outcome.refused, 'ApprovalRefused');
    return outcome;
  }

  /**
   * Waits for a decision with a reminder and an expiry timer (durations are the agency's
   * policy). An expired listing waits, without timers, for an operator to reopen it.
   */
  async awaitDecision(): Promise<ReviewOutcome> {
    const { agencyId, listingId } = this.run;
    const policy = await reviewPolicy({ agencyId });
    for (;;) {
      let reminded = false;
      const deadline = Date.now() + policy.expireAfterMs;
      while (this.run.view.status === 'awaiting_review') {
        const wait = reminded
          ? deadline - Date.now()
          : Math.min(policy.remindAfterMs, deadline - Date.now());
        const woke = await condition(
          () => this.queue.length > 0 || this.edits > 0 || hasPendingCorrections(this.run),
          Math.max(wait, 0),
        );
        if (woke) {
          const outcome = await this.apply();
          if (outcome) return outcome;
          continue;
        }
        if (!reminded && Date.now() < deadline) {
          reminded = true;
          await remindReviewers({ agencyId, listingId });
          continue;
        }
        await this.run.moveTo('expired', 'review');
        await recordDecision({ agencyId, listingId, action: 'expired', status: 'expired' });
      }
      // Expired: only a reopen brings it back (signals that came meanwhile were dropped).
      await condition(() => this.queue.some((d) => d.kind === 'reopen'));
      const waiting = this.queue;
      this.queue = [];
      const reopen = waiting.find((d) => d.kind === 'reopen')!;
      await recordDecision({
        agencyId,
        listingId,
        action: 'reopened',
        status: 'awaiting_review',
        by: reopen.input.by,
        ...(reopen.input.requestId ? { requestId: reopen.input.requestId } : {}),
      });
      await this.run.moveTo('awaiting_review', 'review');
      for (const d of waiting) d.outcome = { status: 'awaiting_review' };
    }
  }

  /** Applies queued edits and decisions in order; returns the outcome once one is final. */
  private async apply(): Promise<ReviewOutcome | undefined> {
    const { agencyId, listingId } = this.run;
    // The agent's corrections first (they re-extract and regenerate, keeping operator edits),
    // then the checks again over whatever operators changed.
    if (hasPendingCorrections(this.run)) await applyPendingCorrections(this.run);
    if (this.edits > 0) {
      this.edits = 0;
      this.run.view.step = 'recheck';
      await checkDrafts({ agencyId, listingId });
      this.run.view.step = 'review';
    }
    while (this.queue.length) {
      const decision = this.queue.shift()!;
      if (decision.kind === 'reopen') {
        decision.outcome = { status: this.run.view.status };
        continue;
      }
      if (decision.kind === 'reject') {
        const { by, reason, requestId } = decision.input;
        await recordDecision({
          agencyId,
          listingId,
          action: 'rejected',
          status: 'rejected',
          by,
          reason,
          ...(requestId ? { requestId } : {}),
        });
        await this.run.moveTo('rejected', 'review');
        decision.outcome = { status: 'rejected' };
        this.settleRest();
        await notifyAgent({
          agencyId,
          listingId,
          to: this.run.input.agentPhone,
          kind: 'rejected',
          params: { reason },
        });
        return 'rejected';
      }
      const { by, note, overrides = [], requestId } = decision.input;
      const blocking = await blockingChecks({
        agencyId,
        listingId,
        overrides: overrides.map((o) => o.checkId),
      });
      if (blocking.length) {
        const refused = `Approval refused: ${blocking.map((b) => b.message).join('; ')}. Fix the text or record an override.`;
        await recordDecision({
          agencyId,
          listingId,
          action: 'approval_refused',
          status: 'awaiting_review',
          by,
          reason: refused,
          ...(requestId ? { requestId } : {}),
        });
        decision.outcome = { refused };
        continue;
      }
      await recordDecision({
        agencyId,
        listingId,
        action: 'approved',
        status: 'approved',
        by,
        overrides,
        ...(note ? { note } : {}),
        ...(requestId ? { requestId } : {}),
      });
      await this.run.moveTo('approved', 'review');
      decision.outcome = { status: 'approved' };
      this.settleRest();
      return 'approved';
    }
    return undefined;
  }

  /** Decisions queued behind the final one find the listing already decided. */
  private settleRest(): void {
    for (const d of this.queue)
      d.outcome = { refused: `This listing is already ${this.run.view.status}` };
    this.queue = [];
  }
}
