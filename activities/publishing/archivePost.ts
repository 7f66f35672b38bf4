import { withTenant } from '../../lib/db';
import type { ActivityDeps } from '../deps';
import { loadPublishableListing } from '../../lib/wordpress/listingSource';
import { archiveWrite, slugOf, type ArchiveReason } from '../../lib/wordpress/mapping';
import { findPost, updatePost } from '../../lib/wordpress/remotePosts';
import type { Publication } from './context';
import { verify } from './syncPost';
import { PublishMismatchError } from './failures';

export interface ArchiveResult {
  remoteId: number | null;
  status: string | null;
}

/**
 * Takes a sold or withdrawn listing off the market on its site, per profile (mapping.ts,
 * `archiveWrite`): unpublished to draft, or kept and marked `Closed`. A post already in the
 * trash, or never created, needs nothing on WordPress.
 */
export async function archivePost(
  deps: ActivityDeps,
  p: Publication,
  reason: ArchiveReason,
): Promise<ArchiveResult> {
  const listing = await withTenant(deps.db, p.input.agencyId, (tx) =>
    loadPublishableListing(tx, p.input.listingId),
  );
  const existing = await findPost(
    p.client,
    {
      route: p.route,
      listingId: listing.id,
      slug: slugOf(listing),
      knownId: p.row.remote_id ? Number(p.row.remote_id) : null,
      bySlug: p.profile === 'posts',
    },
    p.signal,
  );
  let result: ArchiveResult = { remoteId: existing?.id ?? null, status: existing?.status ?? null };
  if (existing && existing.status !== 'trash') {
    const change = archiveWrite(p.profile, reason);
    const post = await updatePost(
      p.client,
      p.route,
      existing.id,
      { ...(change.status ? { status: change.status } : {}), meta: change.meta },
      p.signal,
    );
    verify(p, { meta: change.meta }, post);
    if (change.status && post.status !== change.status)
      throw new PublishMismatchError(p.site.base_url, [
        `WordPress kept the post as "${post.status}" instead of "${change.status}"`,
      ]);
    result = { remoteId: post.id, status: post.status };
  }
  await p.store((s) =>
    s.update(p.row.id, {
      state: 'archived',
      archived_reason: reason,
      error: null,
      ...(result.remoteId ? { remote_id: String(result.remoteId) } : {}),
      ...(result.status ? { remote_status: result.status } : {}),
    }),
  );
  return result;
}
