import type { ActivityDeps } from '../deps';
import { createCheckDrafts } from './check';
import { createExtractListingFields } from './extract';
import { createGenerateDrafts } from './generate';
import { createNormalizeSubmission } from './normalize';
import { createAnalysePhoto, createArrangeGallery } from './photos';
import { createSaveDrafts } from './save';

/**
 * The drafting phase of the listing workflow (workflows/listing/drafting.ts). The AI steps
 * (extract, analysePhoto, generateDrafts) run on the AI task queue; the others are database
 * work and run where the workflow runs.
 */
export const createDraftingActivities = (deps: ActivityDeps) => ({
  /**
   * Which queue serves AI activities here, and the operator's bound on each step's attempt
   * (absent: the workflow's own); the workflow asks once, so the answer is in history.
   */
  draftingSettings: (): Promise<{
    aiTaskQueue: string;
    provider: string;
    attemptTimeoutSeconds?: number;
  }> =>
    Promise.resolve({
      aiTaskQueue: deps.ai.taskQueue,
      provider: deps.ai.provider.name,
      ...(deps.ai.attemptTimeoutSeconds
        ? { attemptTimeoutSeconds: deps.ai.attemptTimeoutSeconds }
        : {}),
    }),
  normalizeSubmission: createNormalizeSubmission(deps),
  extractListingFields: createExtractListingFields(deps),
  analysePhoto: createAnalysePhoto(deps),
  arrangeGallery: createArrangeGallery(deps),
  generateDrafts: createGenerateDrafts(deps),
  checkDrafts: createCheckDrafts(deps),
  saveDrafts: createSaveDrafts(deps),
});
