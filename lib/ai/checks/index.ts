import type { Listing } from '../../domain/listing';
import { checkFairHousing } from './fairHousing';
import { checkGrounding } from './grounding';
import { checkPlatformLimits } from './platformLimits';
import { statusOf, type CheckFlag, type CheckStatus, type CheckTarget } from './types';

/**
 * Every check, on one text. Run on every generated text and again whenever a text or the
 * listing it describes changes (a correction, an operator's edit), so stored checks always
 * describe the text beside them.
 */
export function runChecks(
  target: CheckTarget,
  listing: Listing,
): { flags: CheckFlag[]; status: CheckStatus } {
  const flags = [
    ...checkGrounding(target, listing),
    ...checkFairHousing(target),
    ...checkPlatformLimits(target),
  ];
  return { flags, status: statusOf(flags) };
}

export { checkFairHousing, checkGrounding, checkPlatformLimits, statusOf };
export * from './types';
export { FAIR_HOUSING_CATALOGUE_VERSION } from './fairHousingCatalogue';
export { PLATFORM_LIMITS, xLength } from './platformLimits';
