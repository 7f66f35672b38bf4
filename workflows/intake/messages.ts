import { defineQuery, defineSignal } from '@temporalio/workflow';

/** One WhatsApp message as the intake workflow sees it: ids and a little text, never media. */
export interface IntakeMessage {
  /** Our inbound_messages.id: the dedupe key, so a re-driven signal is a no-op. */
  id: string;
  providerMessageId: string;
  kind: string;
  text?: string;
  /** The message this one replies to (WhatsApp's context.id), if any. */
  replyTo?: string;
  sentAt: string;
}

export interface IntakeInput {
  agencyId: string;
  agentPhone: string;
  /** How long the agent must be quiet before a burst becomes a submission. */
  quietWindowMs?: number;
  /** Carried across continue-as-new. */
  carried?: IntakeCarry;
}

export interface IntakeCarry {
  open: IntakeMessage[];
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
