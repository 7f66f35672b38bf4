import type { ActivityDeps } from './deps';
import { createIntakeActivities } from './intake';
import { createListingActivities } from './listing';
import { createWhatsAppActivities } from './whatsapp';

export type { ActivityDeps } from './deps';

/** Every activity, built from its dependencies; workflows import the type only. */
export const createActivities = (deps: ActivityDeps) => ({
  ...createIntakeActivities(deps),
  ...createListingActivities(deps),
  ...createWhatsAppActivities(deps),
});

export type Activities = ReturnType<typeof createActivities>;
