/**
 * A listing workflow reduced to its publishing half, wired the way listingWorkflow.ts wires
 * the phases (handlers first, publish, lifecycle, continue-as-new with the carried state).
 * Bundled on its own by workflow.test.ts, so the publishing phase is tested with real Temporal
 * and real activities before the lead's workflow composes it.
 */
import { continueAsNew, setHandler } from '@temporalio/workflow';
import { ListingRun } from '../../workflows/listing/run';
import { listingStatusQuery, type ListingInput } from '../../workflows/listing/messages';
import {
  awaitListingLifecycle,
  publishListing,
  registerPublishingHandlers,
} from '../../workflows/listing/publishing';
import type { PublishingState } from '../../workflows/listing/publishingMessages';

export interface PublishingTestInput extends ListingInput {
  publishing?: PublishingState;
  maxCommands?: number;
  /** How many runs so far (continue-as-new increments it). */
  generation?: number;
}

export async function publishingTestWorkflow(input: PublishingTestInput): Promise<void> {
  const run = new ListingRun(input);
  setHandler(listingStatusQuery, () => run.view);
  registerPublishingHandlers(run, input.publishing);
  if (!input.publishing) {
    await run.moveTo('approved', 'review');
    await publishListing(run);
  }
  const carry = await awaitListingLifecycle(run, { maxCommands: input.maxCommands });
  await continueAsNew<typeof publishingTestWorkflow>({
    ...input,
    publishing: carry,
    generation: (input.generation ?? 0) + 1,
  });
}
