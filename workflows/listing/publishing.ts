import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  log,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ListingRun } from './run';
import type { CommandResult, EditInput } from './messages';
import {
  archiveSocialPostsOf,
  startSocialPosts,
  updateSocialPostsOf,
} from '../social/startSocialPosts';
import {
  archiveSignal,
  archiveUpdate,
  publishingStateQuery,
  republishSignal,
  republishUpdate,
  retryPublishSignal,
  retryPublishUpdate,
  updateSignal,
  type PublishingCommand,
  type PublishingRequest,
  type PublishingState,
} from './publishingMessages';
import { assertAllowed, editFailureOf } from './refusals';
import { decide, type ListingCommand } from './transitions';

/**
 * Publishing, and the listing's life after it: the approved listing goes to every WordPress
 * site of the agency; afterwards the workflow stays the listing's entity and applies `update`,
 * `archive`, `republish` and `retryPublish` signals one at a time. A failure a person must fix
 * (password, plugin) moves the listing to `failed` with the reason and waits for
 * `retryPublish`; transient ones (WordPress down, 429) are retried by Temporal first.
 *
 * Wiring (listingWorkflow.ts): `registerPublishingHandlers(run, input.publishing)` when the run
 * starts; after approval `await publishListing(run)`; then
 * `const carry = await awaitListingLifecycle(run)` and
 * `await continueAsNew<typeof listingWorkflow>({ ...input, publishing: carry })`.
 */

/** WordPress calls, on the publishing task queue when the worker names one. */
function wordpressSteps(taskQueue: string | null, heartbeatTimeoutSeconds?: number) {
  return proxyActivities<Activities>({
    ...(taskQueue ? { taskQueue } : {}),
    // Uploading a listing's photos to a slow site takes a while; each attempt is bounded.
    startToCloseTimeout: '10 minutes',
    // The activities heartbeat while alive: a killed worker's attempt is retried within the
    // heartbeat timeout (its lease on the publication expires as fast), not after ten minutes.
    heartbeatTimeout: heartbeatTimeoutSeconds ? heartbeatTimeoutSeconds * 1000 : '1 minute',
    retry: {
      initialInterval: '5 seconds',
      backoffCoefficient: 2,
      maximumInterval: '5 minutes',
      // About half an hour of WordPress being down; then the listing shows failed and waits.
      maximumAttempts: 12,
    },
  });
}
const bookkeeping = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});
// The worker's publishing queue name (TASK_QUEUE_PUBLISHING), asked once per run.
const { publishingSettings } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
});
// Wrapped in an object: a Promise resolving to the activity proxy itself would look up its
// `then` and schedule an activity called "then".
type Steps = { wordpress: ReturnType<typeof wordpressSteps> };
const steps = new WeakMap<ListingRun, Promise<Steps>>();
function stepsOf(run: ListingRun): Promise<Steps> {
  let proxies = steps.get(run);
  if (!proxies) {
    proxies = publishingSettings().then(({ taskQueue, heartbeatTimeoutSeconds }) => ({
      wordpress: wordpressSteps(taskQueue, heartbeatTimeoutSeconds),
    }));
    steps.set(run, proxies);
  }
  return proxies;
}

/** Per run: the state the handlers feed and the phase functions consume. */
interface Phase {
  state: PublishingState;
  /** Queues a command; the answer resolves with the listing's status once it is applied. */
  admit(command: PublishingCommand): Promise<CommandResult>;
  /** Tickets of applied commands, for the Updates waiting on them. */
  done: Set<number>;
}
const phases = new WeakMap<ListingRun, Phase>();

function phaseOf(run: ListingRun): Phase {
  const phase = phases.get(run);
  if (!phase) throw new Error('registerPublishingHandlers(run) must run before publishing');
  return phase;
}
const stateOf = (run: ListingRun): PublishingState => phaseOf(run).state;

/**
 * Registers the publishing signals and query. Call it when the run starts (a signal that
 * arrives early is queued, not lost), with the state carried from the previous run after a
 * continue-as-new.
 */
export function registerPublishingHandlers(
  run: ListingRun,
  carried?: PublishingState,
): PublishingState {
  const state: PublishingState = carried
    ? { ...carried, pending: [...carried.pending] }
    : { status: 'unpublished', pending: [] };
  const done = new Set<number>();
  let issued = 0;
  const enqueue = (command: PublishingCommand): number => {
    // Edits coalesce: one update applies all of them, since it reads the listing fresh.
    const queuedUpdate =
      command.kind === 'update' ? state.pending.find((c) => c.kind === 'update') : undefined;
    if (queuedUpdate) return (queuedUpdate.ticket ??= ++issued);
    const ticket = ++issued;
    state.pending.push({ ...command, ticket });
    return ticket;
  };
  const admit = async (command: PublishingCommand): Promise<CommandResult> => {
    const ticket = enqueue(command);
    await condition(() => done.has(ticket));
    return { status: run.view.status };
  };
  phases.set(run, { state, admit, done });

  // The owner's signals (automation): the same table decides; a refused one is dropped.
  const admits = (command: ListingCommand) => {
    const decision = decide(run.view.status, command);
    if (!decision.allowed) log.warn('refused a signalled command', { reason: decision.message });
    return decision.allowed;
  };
  setHandler(updateSignal, () => {
    if (admits('edit')) enqueue({ kind: 'update' });
  });
  setHandler(archiveSignal, ({ reason }) => {
    if (admits('archive')) enqueue({ kind: 'archive', reason });
  });
  setHandler(republishSignal, () => {
    if (admits('republish')) enqueue({ kind: 'publish' });
  });
  setHandler(retryPublishSignal, () => {
    if (admits('retry_publish')) enqueue({ kind: 'retry' });
  });

  // The API's Updates.
  const validator = (command: ListingCommand) => (_request: PublishingRequest) =>
    assertAllowed(run.view.status, command);
  setHandler(archiveUpdate, ({ reason }) => admit({ kind: 'archive', reason }), {
    validator: validator('archive'),
  });
  setHandler(republishUpdate, () => admit({ kind: 'publish' }), {
    validator: validator('republish'),
  });
  setHandler(retryPublishUpdate, () => admit({ kind: 'retry' }), {
    validator: validator('retry_publish'),
  });
  setHandler(publishingStateQuery, () => state);
  return state;
}

/**
 * An operator's edit of a listing after approval (the edit Update routes it here): saved by
 * an activity first, then republished by an `update` command queued behind it, so the
 * republish reads the saved row. Answers with the status once the republish has run.
 */
export async function editPublished(run: ListingRun, input: EditInput): Promise<CommandResult> {
  try {
    await bookkeeping.saveListingEdit({
      agencyId: run.agencyId,
      listingId: run.listingId,
      ...input,
    });
  } catch (err) {
    throw editFailureOf(err) ?? err;
  }
  return phaseOf(run).admit({ kind: 'update' });
}

/** Why an activity failed, in the words the activity chose for the operator. */
function reasonOf(err: unknown): string {
  const cause = err instanceof ActivityFailure ? err.cause : err;
  if (cause instanceof ApplicationFailure || cause instanceof Error) return cause.message;
  return String(cause);
}

async function eachSite(
  run: ListingRun,
  scope: 'all' | 'existing',
  work: (input: { agencyId: string; listingId: string; siteId: string }) => Promise<void>,
): Promise<void> {
  const { agencyId, listingId } = run;
  const { siteIds } = await bookkeeping.publicationTargets({ agencyId, listingId, scope });
  for (const siteId of siteIds) {
    const input = { agencyId, listingId, siteId };
    try {
      await work(input);
    } catch (err) {
      // Non-retryable failures were recorded by the activity; this covers exhausted retries.
      await bookkeeping.markPublicationFailed({ ...input, error: reasonOf(err) });
      throw err;
    }
  }
}

/** Applies one command; on failure records it (listing `failed`, reason) for `retryPublish`. */
async function apply(run: ListingRun, command: PublishingCommand): Promise<boolean> {
  const state = stateOf(run);
  if (command.kind === 'retry') {
    if (state.status !== 'failed' || !state.failed) return true;
    return apply(run, state.failed);
  }
  try {
    const publishing = (await stepsOf(run)).wordpress;
    if (command.kind === 'archive') {
      run.view.step = 'archive';
      await eachSite(run, 'existing', async (input) => {
        await publishing.archiveProperty({ ...input, reason: command.reason });
      });
      state.status = 'archived';
      state.archivedReason = command.reason;
      await run.moveTo('archived', 'lifecycle');
      // Beside the listing: Meta's answer never holds the archive.
      run.notifications.alongside('social_posts_archive', () =>
        archiveSocialPostsOf(run.agencyId, run.listingId),
      );
    } else {
      await run.moveTo('publishing', 'upload_media');
      const urls: string[] = [];
      await eachSite(run, 'all', async (input) => {
        run.view.step = 'upload_media';
        await publishing.uploadMedia(input);
        run.view.step = command.kind === 'publish' ? 'push' : 'update';
        const result =
          command.kind === 'publish'
            ? await publishing.pushProperty(input)
            : await publishing.updateProperty(input);
        urls.push(result.url);
      });
      // An edit of an archived listing changes its post but keeps it archived.
      const archived = command.kind === 'update' && state.archivedReason !== undefined;
      if (!archived) delete state.archivedReason;
      state.status = archived ? 'archived' : 'published';
      state.url = urls[0] ?? state.url;
      await run.moveTo(archived ? 'archived' : 'published', 'lifecycle');
      // Once per listing (the idempotency key is listing + kind), beside the flow: the
      // listing is published whether or not WhatsApp delivers the news.
      if (command.kind === 'publish' && state.url)
        run.notifications.tellAgent('published', { url: state.url });
      // Social posts run in their own workflows, beside the listing, once it is live.
      if (command.kind === 'publish')
        run.notifications.alongside('social_posts', () =>
          startSocialPosts(run.agencyId, run.listingId),
        );
      else
        run.notifications.alongside('social_posts_update', () =>
          updateSocialPostsOf(run.agencyId, run.listingId),
        );
    }
    delete state.failed;
    delete state.lastError;
    return true;
  } catch (err) {
    const reason = reasonOf(err);
    state.failed = command;
    state.lastError = reason;
    state.status = 'failed';
    await run.moveTo('failed', run.view.step, reason);
    return false;
  }
}

/**
 * Publishes the approved listing to the agency's sites and tells the agent the link. Returns
 * false when it failed; the listing is then `failed` with the reason, and
 * `awaitListingLifecycle` runs it again on `retryPublish`.
 */
export function publishListing(run: ListingRun): Promise<boolean> {
  return apply(run, { kind: 'publish' });
}

/**
 * The listing as an entity after publication: applies queued commands in order until the
 * history should be cut (Temporal suggests continue-as-new, or `maxCommands` were applied),
 * then waits for every handler to finish and returns the state to carry into the new run.
 */
export async function awaitListingLifecycle(
  run: ListingRun,
  opts: { maxCommands?: number } = {},
): Promise<PublishingState> {
  const { state, done } = phaseOf(run);
  const maxCommands = opts.maxCommands ?? 200;
  // A continued run starts with a fresh view: bring status and search attribute back.
  if (state.status !== 'unpublished' && run.view.status !== state.status)
    await run.moveTo(state.status, 'lifecycle', state.lastError);
  let applied = 0;
  const timeToContinue = () => workflowInfo().continueAsNewSuggested || applied >= maxCommands;
  for (;;) {
    await condition(() => state.pending.length > 0 || timeToContinue());
    const command = state.pending.shift();
    if (command) {
      await apply(run, command);
      if (command.ticket !== undefined) done.add(command.ticket);
      applied += 1;
      continue;
    }
    // Before the cut: every handler finished (an edit that is saving queues one more command,
    // which the loop applies first) and no notification in flight.
    await condition(() => allHandlersFinished() || state.pending.length > 0);
    if (state.pending.length) continue;
    await run.notifications.settled();
    if (!allHandlersFinished() || state.pending.length) continue;
    return { ...state, pending: [] };
  }
}
