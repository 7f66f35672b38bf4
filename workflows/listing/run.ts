import { proxyActivities, upsertSearchAttributes } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ListingInput, ListingStatus, ListingView } from './messages';
import { ListingStatus as ListingStatusKey } from '../shared/searchAttributes';
import { Notifications } from './notifications';

const { setListingStatus } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * The state one listing workflow run shares between its phases (receiving, drafting, review,
 * publishing). Each phase lives in its own file and gets this object; only `moveTo` changes
 * the status, so the database row, the search attribute and the query always agree.
 */
export class ListingRun {
  readonly view: ListingView;
  /** Replies and reminders, run beside the listing's own work (notifications.ts). */
  readonly notifications = new Notifications(this);

  constructor(readonly input: ListingInput) {
    this.view = {
      // A continued run is the published (archived, failed) listing from its first message on,
      // so the validators of commands that arrive before it settles see that status.
      status: continuedStatus(input) ?? 'receiving',
      step: input.publishing ? 'lifecycle' : 'store_media',
      media: { stored: 0, skipped: 0 },
      corrections: 0,
      ...(input.publishing?.lastError ? { lastError: input.publishing.lastError } : {}),
    };
  }

  get agencyId(): string {
    return this.input.agencyId;
  }

  get listingId(): string {
    return this.input.listingId;
  }

  async moveTo(status: ListingStatus, step: string, error?: string): Promise<void> {
    this.view.status = status;
    this.view.step = step;
    if (error === undefined) delete this.view.lastError;
    else this.view.lastError = error;
    upsertSearchAttributes([{ key: ListingStatusKey, value: status }]);
    await setListingStatus({
      agencyId: this.agencyId,
      listingId: this.listingId,
      status,
      ...(error ? { error } : {}),
    });
  }
}

function continuedStatus(input: ListingInput): ListingStatus | undefined {
  const carried = input.publishing?.status;
  if (!carried) return undefined;
  return carried === 'unpublished' ? 'approved' : carried;
}
