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
  /** WhatsApp's timestamp: the order the agent sent in, to the second. */
  sentAt: string;
  /**
   * Postgres's order of arrival (a bigint as text), for messages sent within the same second.
   * Absent on signals sent before it existed.
   */
  arrivalSeq?: string;
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
  /**
   * How long a message waits in the inbox before it is read, so that one the agent sent before
   * it but that another API replica handed over later still goes first (see senderOrder.ts).
   */
  reorderWindowMs?: number;
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
  /** Workflow time (ms) each unread message arrived, by id: its reorder wait runs on from it. */
  inboxArrivedAt?: Record<string, number>;
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
/**
 * Several of one agent's messages in one signal, in the order the API handed them over: under
 * load a photo burst becomes one history event and one workflow task instead of one per photo.
 * Workers know it from this release on, so APIs send it only with HANDOFF_BATCH_SIGNAL on.
 */
export const inboundMessagesSignal = defineSignal<[IntakeMessage[]]>('inboundMessages');
export const openGroupQuery = defineQuery<OpenGroupView>('openGroup');
