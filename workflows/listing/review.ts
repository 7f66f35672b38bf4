import type { ApplicationFailure } from '@temporalio/workflow';
import { condition, log, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ListingRun } from './run';
import type { CommandResult, EditInput, ListingStatus } from './messages';
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
import { assertAllowed, editFailureOf, FailureTypes, refusal } from './refusals';
import { decide } from './transitions';

// The listing's own database work: retried until Postgres answers.
const { reviewPolicy, blockingChecks, recordDecision, checkDrafts, saveListingEdit } =
  proxyActivities<Activities>({
    startToCloseTimeout: '30 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  });

type Decision = (
  | { kind: 'approve'; input: ApprovalInput }
  | { kind: 'reject'; input: RejectionInput }
  | { kind: 'reopen'; input: ReopenInput }
  | { kind: 'edit'; input: EditInput }
) & {
  /** Filled when the main loop has applied the decision: the update's answer. */
  outcome?: CommandResult | { failure: ApplicationFailure };
};

export type ReviewOutcome = 'approved' | 'rejected' | 'expired';

/**
 * The decision point of a listing. Handlers are registered when the run starts, so a decision
 * that arrives early is validated against the status it finds, not lost. Every command (the
 * API's Updates and the owner's signals alike) passes the status table (transitions.ts); the
 * main loop applies the admitted ones one at a time, in order, so an edit and the approval
 * behind it cannot race.
 */
export class Review {
  private queue: Decision[] = [];
  private edits = 0;

  constructor(private readonly run: ListingRun) {
    const status = () => run.view.status;
    // The owner's signals: fire-and-forget, so a refused one is dropped (and logged).
    setHandler(approveSignal, (input) => {
      if (this.admits('approve')) this.queue.push({ kind: 'approve', input });
    });
    setHandler(rejectSignal, (input) => {
      if (this.admits('reject') && input.reason?.trim()) this.queue.push({ kind: 'reject', input });
    });
    // Runs started before edits were Updates: the API saved, the workflow re-checks.
    setHandler(editedSignal, () => {
      this.edits += 1;
    });
    setHandler(approveUpdate, (input) => this.decide({ kind: 'approve', input }), {
      validator: (_input: ApprovalInput) => assertAllowed(status(), 'approve'),
    });
    setHandler(rejectUpdate, (input) => this.decide({ kind: 'reject', input }), {
      validator: (input: RejectionInput) => {
        assertAllowed(status(), 'reject');
        if (!input.reason?.trim())
          throw refusal(FailureTypes.refused, 'A rejection needs a reason', {
            code: 'reason_required',
            status: status(),
          });
      },
    });
    setHandler(reopenUpdate, (input) => this.decide({ kind: 'reopen', input }), {
      validator: (_input: ReopenInput) => assertAllowed(status(), 'reopen'),
    });
  }

  /** An edit while in review (the edit Update routes it here): saved, then re-checked. */
  edit(input: EditInput): Promise<CommandResult> {
    return this.decide({ kind: 'edit', input });
  }

  private admits(command: 'approve' | 'reject'): boolean {
    const decision = decide(this.run.view.status, command);
    if (!decision.allowed) log.warn('refused a signalled decision', { reason: decision.message });
    return decision.allowed;
  }

  /** Queues a decision and answers with its outcome once the main loop has applied it. */
  private async decide(decision: Decision): Promise<CommandResult> {
    this.queue.push(decision);
    await condition(() => decision.outcome !== undefined);
    const outcome = decision.outcome!;
    if ('failure' in outcome) throw outcome.failure;
    return outcome;
  }

  /**
   * Waits for a decision with a reminder and an expiry timer (durations are the agency's
   * policy). An expired listing waits, without timers, for an operator to reopen it. The
   * reminder runs beside the wait: a slow or failing reminder delays nothing.
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
          this.run.notifications.remindReviewers();
          continue;
        }
        await this.run.moveTo('expired', 'review');
        await recordDecision({ agencyId, listingId, action: 'expired', status: 'expired' });
        // A reopen admitted while the expiry was being recorded is what brings it back.
        this.settleRest('reopen');
      }
      // Expired: only a reopen (validated against `expired`) brings it back.
      await condition(() => this.queue.some((d) => d.kind === 'reopen'));
      const waiting = this.queue;
      this.queue = [];
      const reopen = waiting.find(
        (d): d is Decision & { kind: 'reopen'; input: ReopenInput } => d.kind === 'reopen',
      )!;
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
      await this.recheck();
    }
    while (this.queue.length) {
      const decision = this.queue.shift()!;
      if (decision.kind === 'reopen') {
        decision.outcome = { status: this.run.view.status };
        continue;
      }
      if (decision.kind === 'edit') {
        decision.outcome = await this.applyEdit(decision.input);
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
        this.run.notifications.tellAgent('rejected', { reason });
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
        decision.outcome = {
          failure: refusal(FailureTypes.approvalBlocked, refused, {
            code: 'approval_blocked',
            status: this.run.view.status,
          }),
        };
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

  private async applyEdit(input: EditInput): Promise<Decision['outcome']> {
    const { agencyId, listingId } = this.run;
    try {
      await saveListingEdit({ agencyId, listingId, ...input });
    } catch (err) {
      const failure = editFailureOf(err);
      if (failure) return { failure };
      throw err;
    }
    await this.recheck();
    return { status: this.run.view.status };
  }

  private async recheck(): Promise<void> {
    const { agencyId, listingId } = this.run;
    this.run.view.step = 'recheck';
    await checkDrafts({ agencyId, listingId });
    this.run.view.step = 'review';
  }

  /** Commands queued behind the final one find the listing already decided, and hear why. */
  /** Refuses what is still queued after a final outcome; `keep` stays queued (it still applies). */
  private settleRest(keep?: Decision['kind']): void {
    const status: ListingStatus = this.run.view.status;
    const kept = this.queue.filter((d) => d.kind === keep);
    for (const d of this.queue) {
      if (d.kind === keep) continue;
      const verdict = decide(status, d.kind);
      d.outcome = {
        failure: refusal(
          FailureTypes.refused,
          verdict.allowed ? `This listing is already ${status}` : verdict.message,
          { code: verdict.allowed ? 'already_decided' : verdict.code, status },
        ),
      };
    }
    this.queue = kept;
  }
}
