import { ApplicationFailure } from '@temporalio/common';
import type { ActivityDeps } from '../deps';
import { TABLES, withTenant } from '../../lib/db';
import type { ArchiveReason } from '../../lib/wordpress/mapping';
import { createPublicationStore } from '../../lib/wordpress/publicationStore';
import { withPublication, type PublicationInput } from './context';
import { createUploadMedia } from './uploadMedia';
import { syncPost } from './syncPost';
import { archivePost } from './archivePost';

export type { PublicationInput } from './context';
export type { SyncResult } from './syncPost';
export type { ArchiveResult } from './archivePost';
export type { UploadMediaResult } from './uploadMedia';

/**
 * Publishing a listing to the agency's WordPress sites. Each activity works on one
 * (listing, site), is safe to run twice, and fails with a readable reason when a person must act.
 */
export const createPublishingActivities = (deps: ActivityDeps) => ({
  /**
   * The queue the WordPress activities run on and how soon a silent (crashed) attempt is
   * retried (absent: the workflow's minute); asked once per run (a local activity).
   */
  publishingSettings: (): Promise<{ taskQueue: string | null; heartbeatTimeoutSeconds?: number }> =>
    Promise.resolve({
      taskQueue: deps.publishing?.taskQueue ?? null,
      ...(deps.publishing?.heartbeatTimeoutSeconds
        ? { heartbeatTimeoutSeconds: deps.publishing.heartbeatTimeoutSeconds }
        : {}),
    }),

  /**
   * The sites a listing goes to: every site of the agency (`all`), or only those it was
   * already published to (`existing`, for archiving). Ensures a publication row per site.
   */
  async publicationTargets(input: {
    agencyId: string;
    listingId: string;
    scope: 'all' | 'existing';
  }): Promise<{ siteIds: string[] }> {
    const siteIds = await withTenant(deps.db, input.agencyId, async (tx) => {
      const publications = createPublicationStore(tx);
      if (input.scope === 'existing')
        return (await publications.forListing(input.listingId)).map((p) => p.site_id);
      const sites = await tx(TABLES.wordpressSites)
        .orderBy('created_at', 'asc')
        .select<Array<{ id: string }>>('id');
      for (const s of sites) await publications.ensure(input.agencyId, input.listingId, s.id);
      return sites.map((s) => s.id);
    });
    if (input.scope === 'all' && !siteIds.length)
      throw ApplicationFailure.nonRetryable(
        'The agency has no WordPress site connected: connect one, then retry publishing.',
        'NoWordPressSite',
      );
    return { siteIds };
  },

  uploadMedia: createUploadMedia(deps),

  /** Creates (as a draft, after looking for an earlier one), checks and publishes the post. */
  pushProperty: (input: PublicationInput) =>
    withPublication(deps, input, (p) => syncPost(deps, p, 'publish')),

  /** Writes the listing's current content to its post (an edit after publication). */
  updateProperty: (input: PublicationInput) =>
    withPublication(deps, input, (p) => syncPost(deps, p, 'update')),

  /** Sold or withdrawn: unpublishes or marks the post, per the site's profile. */
  archiveProperty: (input: PublicationInput & { reason: ArchiveReason }) =>
    withPublication(deps, input, (p) => archivePost(deps, p, input.reason)),

  /** Records the reason when the workflow gave up retrying (e.g. WordPress down for hours). */
  async markPublicationFailed(input: PublicationInput & { error: string }): Promise<void> {
    await withTenant(deps.db, input.agencyId, async (tx) => {
      const publications = createPublicationStore(tx);
      const row = await publications.get(input.listingId, input.siteId);
      if (row) await publications.update(row.id, { state: 'failed', error: input.error });
    });
  },
});
