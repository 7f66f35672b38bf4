import {
  ActivityFailure,
  ApplicationFailure,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  setCurrentDetails,
  upsertMemo,
} from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { correctionSignal, type DraftingView, type ListingStatus } from './messages';
import type { ListingRun } from './run';
import { allows } from './transitions';

/**
 * The drafting phase: the agent's submission becomes a structured listing, an ordered and
 * captioned gallery, copy in the listing's language, and the checks on that copy, then the
 * listing waits for review and the agent hears "draft ready". Steps pass ids, never texts or
 * images: the data lives in Postgres and storage.
 *
 *   normalize -> extract -> analyse photos (one activity per photo) -> arrange gallery
 *     -> generate -> check -> save
 *
 * A correction from the agent (signalled by the intake workflow) is queued; it runs
 * normalize, extract and, when a field changed, generate/check/save again, keeping operator
 * edits. During drafting this happens before review starts; during review the review phase
 * calls `applyPendingCorrections(run)` from its wait loop.
 */

// Database steps: quick, retried while Postgres is unreachable.
function databaseSteps(attemptTimeoutMs?: number) {
  return proxyActivities<Activities>({
    startToCloseTimeout: attemptTimeoutMs ?? '1 minute',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute', maximumAttempts: 10 },
  });
}
// The worker's AI queue name (TASK_QUEUE_AI), asked once and kept in history.
const { draftingSettings } = proxyLocalActivities<Activities>({
  startToCloseTimeout: '10 seconds',
});

/**
 * AI steps, on the AI task queue. A model call takes seconds to a minute; a 429 waits the
 * server's Retry-After (the activity sets nextRetryDelay); a refusal or a bad key fails at
 * once (non-retryable), with the reason on the listing.
 */
function aiSteps(taskQueue: string, attemptTimeoutMs?: number) {
  const retry = {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '2 minutes',
  };
  const { extractListingFields } = proxyActivities<Activities>({
    taskQueue,
    startToCloseTimeout: attemptTimeoutMs ?? '2 minutes',
    retry: { ...retry, maximumAttempts: 6 },
  });
  const { analysePhoto } = proxyActivities<Activities>({
    taskQueue,
    startToCloseTimeout: attemptTimeoutMs ?? '90 seconds',
    retry: { ...retry, maximumAttempts: 5 },
  });
  const { generateDrafts } = proxyActivities<Activities>({
    taskQueue,
    startToCloseTimeout: attemptTimeoutMs ?? '3 minutes',
    retry: { ...retry, maximumAttempts: 6 },
  });
  return { extractListingFields, analysePhoto, generateDrafts };
}

/** The worker's drafting settings, asked once per run (so the answer is in history). */
interface Settings {
  aiTaskQueue: string;
  attemptTimeoutSeconds?: number;
}
const settingsOfRun = new WeakMap<ListingRun, Settings>();

function draftingOf(run: ListingRun): DraftingView {
  run.view.drafting ??= {
    revision: 0,
    pendingCorrections: [],
    appliedCorrections: [],
    lastChanged: [],
  };
  return run.view.drafting;
}

/**
 * Registers the correction signal; call when the run starts, so early corrections queue. A
 * correction for a listing that has moved on (approved, published, ...) is answered at once:
 * the agent hears it was not applied, instead of it waiting in a queue nobody reads.
 */
export function registerDraftingHandlers(run: ListingRun): void {
  const drafting = draftingOf(run);
  const answered = new Set<string>();
  setHandler(correctionSignal, ({ messageId }) => {
    // A retried signal carries an id we already have.
    if (
      drafting.pendingCorrections.includes(messageId) ||
      drafting.appliedCorrections.includes(messageId) ||
      answered.has(messageId)
    )
      return;
    if (!allows(run.view.status, 'correct')) {
      answered.add(messageId);
      refuseCorrection(run, messageId);
      return;
    }
    drafting.pendingCorrections.push(messageId);
    run.view.corrections += 1;
  });
}

/**
 * Corrections still queued when the listing was decided (they came while the decision was
 * being applied): each is answered, none is left behind.
 */
export function refusePendingCorrections(run: ListingRun): void {
  const drafting = draftingOf(run);
  for (const messageId of drafting.pendingCorrections.splice(0)) refuseCorrection(run, messageId);
}

function refuseCorrection(run: ListingRun, messageId: string): void {
  run.notifications.tellAgent('correction_refused', { status: run.view.status }, messageId);
}

/** Drafts the submission and leaves the listing in `awaiting_review`. */
export async function draftListing(run: ListingRun): Promise<void> {
  const drafting = draftingOf(run);
  await run.moveTo('drafting', 'normalize');
  try {
    await draftPass(run, { photos: true });
    // Corrections that came while drafting: apply them before anyone reviews.
    while (drafting.pendingCorrections.length) await draftPass(run, { photos: false });
  } catch (err) {
    await run.moveTo('failed', run.view.step, reasonOf(err));
    throw err;
  }
  await run.moveTo('awaiting_review', 'review');
  // Beside the flow: review is open at once, whether or not WhatsApp delivers the news.
  run.notifications.tellAgent('draft_ready', drafting.title ? { title: drafting.title } : {});
}

export function hasPendingCorrections(run: ListingRun): boolean {
  return draftingOf(run).pendingCorrections.length > 0;
}

/**
 * Applies queued corrections (for the review phase's loop: wake on
 * `hasPendingCorrections(run)`, then call this). The listing is `drafting` meanwhile and
 * returns to the status it had; if a step fails for good, the drafts from before stay and the
 * listing shows why the correction was not applied. Returns whether anything was applied.
 */
export async function applyPendingCorrections(run: ListingRun): Promise<boolean> {
  const drafting = draftingOf(run);
  if (!drafting.pendingCorrections.length) return false;
  const resume: ListingStatus =
    run.view.status === 'drafting' ? 'awaiting_review' : run.view.status;
  await run.moveTo('drafting', 'normalize');
  try {
    while (drafting.pendingCorrections.length) await draftPass(run, { photos: false });
    await run.moveTo(resume, 'review');
  } catch (err) {
    await run.moveTo(resume, 'review', `The correction was not applied: ${reasonOf(err)}`);
  }
  return true;
}

async function draftPass(run: ListingRun, opts: { photos: boolean }): Promise<void> {
  const drafting = draftingOf(run);
  const { agencyId, listingId } = run;
  const settings = await settingsOf(run);
  // An operator's bound on every step's attempt (config): how long a crashed worker holds it.
  const attemptTimeoutMs = settings.attemptTimeoutSeconds
    ? settings.attemptTimeoutSeconds * 1000
    : undefined;
  const ai = aiSteps(settings.aiTaskQueue, attemptTimeoutMs);
  const { normalizeSubmission, arrangeGallery, checkDrafts, saveDrafts } =
    databaseSteps(attemptTimeoutMs);
  drafting.appliedCorrections.push(...drafting.pendingCorrections.splice(0));

  run.view.step = 'normalize';
  const normalized = await normalizeSubmission({
    agencyId,
    listingId,
    correctionIds: [...drafting.appliedCorrections],
  });
  drafting.language = normalized.language;

  run.view.step = 'extract';
  const extracted = await ai.extractListingFields({ agencyId, listingId });
  drafting.lastChanged = extracted.changed;

  if (opts.photos) {
    run.view.step = 'analyse_photos';
    await Promise.all(
      normalized.photoIds.map((assetId) =>
        ai.analysePhoto({ agencyId, assetId, language: normalized.language }),
      ),
    );
    run.view.step = 'arrange_gallery';
    const gallery = await arrangeGallery({
      agencyId,
      listingId,
      language: normalized.language,
      photoIds: normalized.photoIds,
    });
    drafting.photos = {
      shown: gallery.photos,
      duplicates: gallery.duplicates,
      flagged: gallery.flagged,
    };
  }

  // A correction that changed no field leaves the copy (and its checks) as they are.
  if (drafting.revision > 0 && extracted.changed.length === 0) return;
  const revision = drafting.revision + 1;
  run.view.step = 'generate';
  await ai.generateDrafts({ agencyId, listingId, revision });
  run.view.step = 'check';
  await checkDrafts({ agencyId, listingId, revision });
  run.view.step = 'save';
  const saved = await saveDrafts({ agencyId, listingId, revision });
  drafting.revision = revision;
  drafting.drafts = { current: saved.drafts, blocked: saved.blocked, warned: saved.warned };
  if (saved.title) {
    drafting.title = saved.title;
    upsertMemo({ title: saved.title });
    // What ops read on the run's page in the Temporal UI once the property is known (the
    // start-time summary could only say where the listing came from). Never a phone number.
    setCurrentDetails(saved.title);
  }
}

async function settingsOf(run: ListingRun): Promise<Settings> {
  let settings = settingsOfRun.get(run);
  if (!settings) {
    settings = await draftingSettings();
    settingsOfRun.set(run, settings);
  }
  return settings;
}

/** The readable reason of a failed step: the activity's own message, not "Activity task failed". */
function reasonOf(err: unknown): string {
  if (err instanceof ActivityFailure && err.cause) {
    const cause = err.cause;
    return cause instanceof ApplicationFailure && cause.type
      ? `${cause.message} (${cause.type})`
      : cause.message;
  }
  return err instanceof Error ? err.message : String(err);
}
