import { allHandlersFinished, condition, continueAsNew, setHandler } from '@temporalio/workflow';
import {
  editUpdate,
  listingStatusQuery,
  type EditInput,
  type ListingInput,
  type ListingView,
} from './messages';
import { ListingRun } from './run';
import { receiveSubmission } from './receiving';
import { draftListing, refusePendingCorrections, registerDraftingHandlers } from './drafting';
import { Review } from './review';
import {
  awaitListingLifecycle,
  editPublished,
  publishListing,
  registerPublishingHandlers,
} from './publishing';
import { assertAllowed } from './refusals';

/**
 * One per listing (`listing:{agencyId}:{listingId}`): the listing's whole life, as phases in
 * their own files, and the single owner of its status. Every handler (signals, queries, the
 * operators' Updates) is registered before the first activity, so a message that arrives early
 * is validated against the status it finds (transitions.ts), never lost. Notifications run
 * beside the phases (notifications.ts): a failing WhatsApp reply never holds the listing up.
 */
export async function listingWorkflow(input: ListingInput): Promise<ListingView> {
  const run = new ListingRun(input);
  setHandler(listingStatusQuery, () => run.view);
  registerDraftingHandlers(run);

  registerPublishingHandlers(run, input.publishing);
  const review = new Review(run);
  // An edit in review is re-checked in the review's order; after approval it is republished.
  setHandler(
    editUpdate,
    (edit: EditInput) =>
      run.view.status === 'awaiting_review' ? review.edit(edit) : editPublished(run, edit),
    { validator: (_edit: EditInput) => assertAllowed(run.view.status, 'edit') },
  );

  // A continued run (after publication) goes straight back to the listing's lifecycle.
  if (!input.publishing) {
    await run.moveTo('receiving', 'store_media');
    await receiveSubmission(run);
    await draftListing(run);
    if (run.view.status !== 'awaiting_review') await run.moveTo('awaiting_review', 'review');
    const outcome = await review.awaitDecision();
    // Corrections that came while the decision was applied are answered, not forgotten.
    refusePendingCorrections(run);
    if (outcome !== 'approved') {
      run.view.step = 'done';
      await condition(allHandlersFinished);
      await run.notifications.settled();
      return run.view;
    }
    await publishListing(run);
  }
  // Published (or failed, or waiting for a site): update, archive, republish and retry
  // commands until the history should be cut, then the same listing continues in a fresh run.
  const carry = await awaitListingLifecycle(run);
  return continueAsNew<typeof listingWorkflow>({ ...input, publishing: carry });
}
