import { defineQuery, defineSignal } from '@temporalio/workflow';

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
  agentPhone: string;
  messageIds: string[];
}

export interface ListingView {
  status: ListingStatus;
  step: string;
  lastError?: string;
  media: { stored: number; skipped: number };
  corrections: number;
}

/** A later message from the agent that changes this listing (from the intake workflow). */
export const correctionSignal = defineSignal<[{ messageId: string }]>('correction');
export const listingStatusQuery = defineQuery<ListingView>('status');
