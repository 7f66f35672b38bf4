import type { Scope } from '../../scope';
import { NotFoundError } from '../../errors';
import { createListingStore, type ListingRow } from '../../../lib/listings/store';

/**
 * The listing if this principal may see it: operators see the agency's listings, agents only
 * their own. Anything else (another agency's id included) is a 404.
 */
export async function visibleListing(scope: Scope, id: string): Promise<ListingRow> {
  const listing = await createListingStore(scope.tx).get(id);
  const { principal } = scope;
  const ownsIt =
    principal.role !== 'agent' ||
    (principal.userId !== null && listing?.agent_user_id === principal.userId);
  if (!listing || !ownsIt) throw new NotFoundError('Listing');
  return listing;
}

/** Agents list only their own listings. */
export const agentFilter = (scope: Scope): string | undefined =>
  scope.principal.role === 'agent'
    ? (scope.principal.userId ?? '00000000-0000-0000-0000-000000000000')
    : undefined;
