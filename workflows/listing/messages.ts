import type { PublishingState } from './publishingMessages';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';

export type ListingStatus =
  | 'receiving'
  | 'received'
  | 'drafting'
  | 'awaiting_review'
  | 'approved'
  | 'rejected'
  | 'expired'
  | 'publishing'
  | 'published'
  | 'failed'
  | 'archived';

export interface ListingInput {
  agencyId: string;
  listingId: string;
  /** The agent's WhatsApp number; empty for an app submission by someone without one. */
  agentPhone: string;
  /** Inbound message rows: WhatsApp messages, or an app submission's texts and photos. */
  messageIds: string[];
  /** Set when the run continues a published listing (continue-as-new carries it). */
  publishing?: PublishingState;
  /** Where the submission came from; WhatsApp when absent (runs started before the app channel). */
  source?: 'whatsapp' | 'app';
}

export interface ListingView {
  status: ListingStatus;
  step: string;
  lastError?: string;
  media: { stored: number; skipped: number };
  corrections: number;
  /** The drafting phase's progress (workflows/listing/drafting.ts); absent before it starts. */
  drafting?: DraftingView;
}

export interface DraftingView {
  /** Generation of the drafts: 1 for the submission, +1 per correction that changed a field. */
  revision: number;
  language?: string;
  /** Correction message ids signalled but not yet applied, and those applied. */
  pendingCorrections: string[];
  appliedCorrections: string[];
  /** RESO fields the last extraction changed. */
  lastChanged: string[];
  photos?: { shown: number; duplicates: number; flagged: number };
  drafts?: { current: number; blocked: number; warned: number };
  title?: string;
}

/** A later message from the agent that changes this listing (from the intake workflow). */
export const correctionSignal = defineSignal<[{ messageId: string }]>('correction');
export const listingStatusQuery = defineQuery<ListingView>('status');

/** An operator's edit of a listing (the API validated its shape; the workflow saves it). */
export interface ListingEdit {
  fields?: Record<string, unknown>;
  title?: string;
  drafts?: Array<{ id: string; content: string }>;
  photos?: Array<{ id: string; order?: number; caption?: string | null }>;
}

export interface EditInput {
  by: { type: 'user' | 'api_key'; id: string; name?: string };
  edit: ListingEdit;
  requestId?: string;
}

/**
 * Every operator command is an Update, answered with the listing's status once it is applied
 * (an edit: saved, and re-checked in review or republished after publication).
 */
export interface CommandResult {
  status: ListingStatus;
}
export const editUpdate = defineUpdate<CommandResult, [EditInput]>('editListing');
