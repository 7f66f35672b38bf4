import type { ActivityDeps } from './deps';
import { createIntakeActivities } from './intake';
import { createListingActivities } from './listing';
import { createWhatsAppActivities } from './whatsapp';
import { createReviewActivities } from './review';
import { createPublishingActivities } from './publishing';
import { createDraftingActivities } from './drafting';
import { createSocialActivities } from './social';

export type { ActivityDeps } from './deps';

/** Every activity, built from its dependencies; workflows import the type only. */
export const createActivities = (deps: ActivityDeps) => ({
  ...createIntakeActivities(deps),
  ...createListingActivities(deps),
  ...createWhatsAppActivities(deps),
  ...createReviewActivities(deps),
  ...createPublishingActivities(deps),
  ...createDraftingActivities(deps),
  ...createSocialActivities(deps),
});

export type Activities = ReturnType<typeof createActivities>;
