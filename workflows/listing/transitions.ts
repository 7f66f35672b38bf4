import type { ListingStatus } from './messages';

/**
 * Which command a listing accepts in which status, and where it leads: the one copy of the
 * listing's state machine. The workflow's Update validators and signal handlers ask `decide`;
 * the API checks only input and visibility and reports the workflow's refusal (409 with the
 * `code` below), so the rules cannot drift apart. Pure data: no Temporal, no I/O.
 */
export type ListingCommand =
  | 'approve'
  | 'reject'
  | 'reopen'
  | 'edit'
  | 'archive'
  | 'republish'
  | 'retry_publish'
  /** An agent's correction over WhatsApp. */
  | 'correct';

/** Machine-readable reasons a command is refused; the API answers 409 with them as `code`. */
export type RefusalCode =
  | 'not_awaiting_review'
  | 'not_expired'
  | 'not_editable'
  | 'not_published'
  | 'not_failed'
  | 'not_correctable';

export type Decision =
  { allowed: true; next: ListingStatus } | { allowed: false; code: RefusalCode; message: string };

interface Rule {
  /** Status the command is accepted in -> the status it leads to. */
  from: Partial<Record<ListingStatus, ListingStatus>>;
  code: RefusalCode;
  /** Completes "This listing is {status}; ..." */
  why: string;
}

export const TRANSITIONS: Record<ListingCommand, Rule> = {
  approve: {
    from: { awaiting_review: 'approved' },
    code: 'not_awaiting_review',
    why: 'it can only be approved while awaiting review',
  },
  reject: {
    from: { awaiting_review: 'rejected' },
    code: 'not_awaiting_review',
    why: 'it can only be rejected while awaiting review',
  },
  reopen: {
    from: { expired: 'awaiting_review' },
    code: 'not_expired',
    why: 'it can only be reopened when expired',
  },
  // In review the checks run again; after publication the post is republished.
  edit: {
    from: {
      awaiting_review: 'awaiting_review',
      published: 'publishing',
      archived: 'archived',
      failed: 'publishing',
    },
    code: 'not_editable',
    why: 'it can be edited in review or after publication',
  },
  archive: {
    from: { published: 'archived', failed: 'archived' },
    code: 'not_published',
    why: 'it can be archived when published or failed',
  },
  republish: {
    from: { published: 'publishing', archived: 'publishing', approved: 'publishing' },
    code: 'not_published',
    why: 'it can be republished when published, archived or approved',
  },
  retry_publish: {
    from: { failed: 'publishing' },
    code: 'not_failed',
    why: 'publishing can be retried only after it failed',
  },
  // Before anyone decided: the correction re-drafts the listing.
  correct: {
    from: {
      receiving: 'drafting',
      received: 'drafting',
      drafting: 'drafting',
      awaiting_review: 'drafting',
    },
    code: 'not_correctable',
    why: 'a correction changes it only before it is approved',
  },
};

export function decide(status: ListingStatus, command: ListingCommand): Decision {
  const rule = TRANSITIONS[command];
  const next = rule.from[status];
  if (next) return { allowed: true, next };
  return { allowed: false, code: rule.code, message: `This listing is ${status}; ${rule.why}` };
}

export const allows = (status: ListingStatus, command: ListingCommand): boolean =>
  decide(status, command).allowed;
