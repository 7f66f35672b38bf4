import { condition, defineSignal, setHandler } from '@temporalio/workflow';
import {
  listingStatusQuery,
  type ListingInput,
  type ListingView,
} from '../../../workflows/listing/messages';
import { ListingRun } from '../../../workflows/listing/run';
import { receiveSubmission } from '../../../workflows/listing/receiving';
import {
  applyPendingCorrections,
  draftListing,
  hasPendingCorrections,
  registerDraftingHandlers,
} from '../../../workflows/listing/drafting';

export const stopHarnessSignal = defineSignal('stopHarness');

/**
 * Receiving and drafting as in listingWorkflow, then the loop the review phase runs while it
 * waits: wake on a correction, apply it. Lets the tests drive corrections in review without
 * depending on the review phase's decisions and timers.
 */
export async function draftingHarnessWorkflow(input: ListingInput): Promise<ListingView> {
  const run = new ListingRun(input);
  let stop = false;
  setHandler(listingStatusQuery, () => run.view);
  setHandler(stopHarnessSignal, () => {
    stop = true;
  });
  registerDraftingHandlers(run);
  await run.moveTo('receiving', 'store_media');
  await receiveSubmission(run);
  await draftListing(run);
  for (;;) {
    await condition(() => stop || hasPendingCorrections(run));
    if (stop) return run.view;
    await applyPendingCorrections(run);
  }
}
