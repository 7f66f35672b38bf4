import { continueAsNew, setHandler } from '@temporalio/workflow';
import { listingStatusQuery, type ListingInput, type ListingView } from './messages';
import { ListingRun } from './run';
import { receiveSubmission } from './receiving';
import { draftListing, registerDraftingHandlers } from './drafting';
import { Review } from './review';
import { awaitListingLifecycle, publishListing, registerPublishingHandlers } from './publishing';

/**
 * One per listing (`listing:{agencyId}:{listingId}`): the listing's whole life, as phases in
 * their own files. Receiving stores the photos and acknowledges the agent; drafting, review
 * and publishing follow (each registers its own signals, queries and updates up front, so a
 * message that arrives early is buffered, not lost).
 */
export async function listingWorkflow(input: ListingInput): Promise<ListingView> {
  const run = new ListingRun(input);
  setHandler(listingStatusQuery, () => run.view);
  registerDraftingHandlers(run);

  registerPublishingHandlers(run, input.publishing);
  const review = new Review(run);

  // A continued run (after publication) goes straight back to the listing's lifecycle.
  if (!input.publishing) {
    await run.moveTo('receiving', 'store_media');
    await receiveSubmission(run);
    await draftListing(run);
    if (run.view.status !== 'awaiting_review') await run.moveTo('awaiting_review', 'review');
    const outcome = await review.awaitDecision();
    if (outcome !== 'approved') {
      run.view.step = 'done';
      return run.view;
    }
    await publishListing(run);
  }
  // Published (or failed, or waiting for a site): update, archive, republish and retry signals
  // until the history should be cut, then the same listing continues in a fresh run.
  const carry = await awaitListingLifecycle(run);
  return continueAsNew<typeof listingWorkflow>({ ...input, publishing: carry });
}
