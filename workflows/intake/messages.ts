import { defineQuery, defineSignal } from '@temporalio/workflow';

/** One WhatsApp message as the intake workflow sees it: ids and a little text, never media. */
export interface IntakeMessage {
  /** Our inbound_messages.id: the dedupe key, so a re-driven signal is a no-op. */
  id: string;
  providerMessageId: string;
  kind: string;
  /** The start of its words (enough to read an intent); the whole text stays in Postgres. */
  text?: string;
  /** The message this one replies to (WhatsApp's context.id), if any. */
  replyTo?: string;
  sentAt: string;
}

/** The most one burst may hold: over it the burst is closed as a listing and the agent told. */
export interface BurstLimits {
  maxMessages: number;
  maxPhotos: number;
}

export interface IntakeInput {
  agencyId: string;
  agentPhone: string;
  /** How long the agent must be quiet before a burst becomes a submission. */
  quietWindowMs?: number;
  burstLimits?: BurstLimits;
  /**
   * History length at which the run continues as new (open group and all), on top of the
   * server's own `continueAsNewSuggested`. Tests set it low to exercise the hand-over.
   */
  maxHistoryEvents?: number;
  /** Carried across continue-as-new. */
  carried?: IntakeCarry;
}

/** Plain JSON only (no Map or Set): it is the next run's input. */
export interface IntakeCarry {
  open: IntakeMessage[];
  /** Messages that had arrived but were not yet read when the run handed over. */
  inbox?: IntakeMessage[];
  /** Workflow time (ms) of the open group's last message: the quiet window runs on from it. */
  lastArrivalAt?: number;
  recentIds: string[];
  lastSubmission?: { listingId: string; providerMessageIds: string[] };
}

export interface OpenGroupView {
  messages: IntakeMessage[];
  texts: number;
  media: number;
  lastSubmissionListingId?: string;
}

export const inboundMessageSignal = defineSignal<[IntakeMessage]>('inboundMessage');
export const openGroupQuery = defineQuery<OpenGroupView>('openGroup');
