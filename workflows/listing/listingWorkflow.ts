import {
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  upsertMemo,
  ApplicationFailure,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import {
  correctionSignal,
  listingStatusQuery,
  type ListingInput,
  type ListingStatus,
  type ListingView,
} from './messages';
import { ListingStatus as ListingStatusKey } from '../shared/searchAttributes';

const { storeMedia } = proxyActivities<Activities>({
  // The media URL expires after 5 minutes; each attempt fetches a fresh one.
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', maximumInterval: '2 minutes', maximumAttempts: 10 },
});
const { setListingStatus, notifyAgent } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

/**
 * One per listing (`listing:{agencyId}:{listingId}`): the listing's whole life. This first
 * part stores the submission's photos and tells the agent what arrived; drafting, review and
 * publishing continue from here.
 */
export async function listingWorkflow(input: ListingInput): Promise<ListingView> {
  const view: ListingView = {
    status: 'receiving',
    step: 'store_media',
    media: { stored: 0, skipped: 0 },
    corrections: 0,
  };
  let texts = 0;
  const pendingCorrections: string[] = [];
  setHandler(listingStatusQuery, () => view);
  setHandler(correctionSignal, ({ messageId }) => {
    pendingCorrections.push(messageId);
    view.corrections += 1;
  });

  const moveTo = async (status: ListingStatus, step: string) => {
    view.status = status;
    view.step = step;
    upsertSearchAttributes([{ key: ListingStatusKey, value: status }]);
    await setListingStatus({ agencyId: input.agencyId, listingId: input.listingId, status });
  };

  upsertSearchAttributes([{ key: ListingStatusKey, value: 'receiving' }]);
  try {
    const results = await Promise.all(
      input.messageIds.map((inboundMessageId) =>
        storeMedia({ agencyId: input.agencyId, listingId: input.listingId, inboundMessageId }),
      ),
    );
    for (const r of results) {
      if (r.outcome === 'stored') view.media.stored += 1;
      else if (r.outcome === 'skipped') view.media.skipped += 1;
      else if (r.outcome === 'text') texts += 1;
    }
  } catch (err) {
    view.lastError = err instanceof ApplicationFailure ? err.message : String(err);
    await moveTo('failed', 'store_media');
    throw err;
  }
  upsertMemo({ title: `Listing from ${input.agentPhone}` });
  await moveTo('received', 'acknowledge');
  await notifyAgent({
    agencyId: input.agencyId,
    listingId: input.listingId,
    to: input.agentPhone,
    kind: 'received',
    params: { texts, photos: view.media.stored, skipped: view.media.skipped },
  });
  view.step = 'done';
  return view;
}
