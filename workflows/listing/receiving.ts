import { ApplicationFailure, proxyActivities, upsertMemo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ListingRun } from './run';

const { storeMedia } = proxyActivities<Activities>({
  // The media URL expires after 5 minutes; each attempt fetches a fresh one.
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', maximumInterval: '2 minutes', maximumAttempts: 10 },
});

/** Stores the submission's photos and tells the agent what arrived. */
export async function receiveSubmission(run: ListingRun): Promise<void> {
  const { input, view } = run;
  let texts = 0;
  try {
    const results = await Promise.all(
      input.messageIds.map((inboundMessageId) =>
        storeMedia({ agencyId: input.agencyId, listingId: input.listingId, inboundMessageId }),
      ),
    );
    for (const r of results) {
      if (r.outcome === 'stored') view.media.stored += 1;
      else if (r.outcome === 'skipped') view.media.skipped += 1;
      else texts += 1;
    }
  } catch (err) {
    await run.moveTo(
      'failed',
      'store_media',
      err instanceof ApplicationFailure ? err.message : String(err),
    );
    throw err;
  }
  upsertMemo({
    title: input.agentPhone ? `Listing from ${input.agentPhone}` : 'Listing from the app',
  });
  await run.moveTo('received', 'acknowledge');
  // Beside the flow: drafting starts whatever WhatsApp does with the acknowledgement.
  run.notifications.tellAgent('received', {
    texts,
    photos: view.media.stored,
    skipped: view.media.skipped,
  });
}
