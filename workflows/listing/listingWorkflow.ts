import { setHandler } from '@temporalio/workflow';
import {
  correctionSignal,
  listingStatusQuery,
  type ListingInput,
  type ListingView,
} from './messages';
import { ListingRun } from './run';
import { receiveSubmission } from './receiving';

/**
 * One per listing (`listing:{agencyId}:{listingId}`): the listing's whole life, as phases in
 * their own files. Receiving stores the photos and acknowledges the agent; drafting, review
 * and publishing follow (each registers its own signals, queries and updates up front, so a
 * message that arrives early is buffered, not lost).
 */
export async function listingWorkflow(input: ListingInput): Promise<ListingView> {
  const run = new ListingRun(input);
  setHandler(listingStatusQuery, () => run.view);
  setHandler(correctionSignal, () => {
    run.view.corrections += 1;
  });

  await run.moveTo('receiving', 'store_media');
  await receiveSubmission(run);
  run.view.step = 'done';
  return run.view;
}
