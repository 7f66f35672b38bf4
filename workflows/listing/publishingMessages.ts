import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CommandResult } from './messages';

/**
 * Messages of a listing after approval: the API (and automation) signal these; the listing
 * workflow applies them one at a time, in order (workflows/listing/publishing.ts).
 */
export type ArchiveReason = 'sold' | 'withdrawn';

/** Who asked, as the API authenticated them (for the workflow's history and logs). */
export interface PublishingRequest {
  by?: { type: 'user' | 'api_key' | 'system'; id: string };
  requestId?: string;
}

/** An operator edited the listing after publication (already saved): republish the content. */
export const updateSignal = defineSignal<[PublishingRequest]>('update');
/** Sold or withdrawn: take it off the market (unpublish or mark, per the site's profile). */
export const archiveSignal =
  defineSignal<[PublishingRequest & { reason: ArchiveReason }]>('archive');
/** Put an archived listing back on the market, or force a full re-sync. */
export const republishSignal = defineSignal<[PublishingRequest]>('republish');
/** The operator fixed what made publishing fail (password, plugin, ...): run it again. */
export const retryPublishSignal = defineSignal<[PublishingRequest]>('retryPublish');

/**
 * The API's Updates of the same commands: validated against the status table, answered with
 * the listing's status once applied (the API answers 202 when that takes longer than it waits).
 */
export const archiveUpdate = defineUpdate<
  CommandResult,
  [PublishingRequest & { reason: ArchiveReason }]
>('archiveListing');
export const republishUpdate = defineUpdate<CommandResult, [PublishingRequest]>('republishListing');
export const retryPublishUpdate = defineUpdate<CommandResult, [PublishingRequest]>(
  'retryPublishListing',
);

export type PublishingCommand = (
  | { kind: 'publish' }
  | { kind: 'update' }
  | { kind: 'archive'; reason: ArchiveReason }
  | { kind: 'retry' }
) & {
  /** Set when an Update waits for this command (per run; not carried into continue-as-new). */
  ticket?: number;
};

export type PublishedStatus = 'unpublished' | 'published' | 'archived' | 'failed';

/** What the publishing phase knows; plain JSON, so it is carried into continue-as-new as is. */
export interface PublishingState {
  status: PublishedStatus;
  /** Commands received and not yet applied. */
  pending: PublishingCommand[];
  /** The command that failed last; `retryPublish` runs it again. */
  failed?: PublishingCommand;
  lastError?: string;
  /** Set while the listing is archived (sold/withdrawn); an update keeps it archived. */
  archivedReason?: ArchiveReason;
  /** The post's link (first site) once published. */
  url?: string;
}

export const publishingStateQuery = defineQuery<PublishingState>('publishing');
