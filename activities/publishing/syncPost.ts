import type { ActivityDeps } from '../deps';
import { withTenant } from '../../lib/db';
import { loadPublishableListing } from '../../lib/wordpress/listingSource';
import {
  archiveWrite,
  buildPost,
  mismatches,
  termsOf,
  type ArchiveReason,
  type Expectation,
  type RemotePost,
} from '../../lib/wordpress/mapping';
import { createPost, findPost, updatePost, type Status } from '../../lib/wordpress/remotePosts';
import { ensureTerms } from '../../lib/wordpress/terms';
import { PublishMismatchError } from './failures';
import type { Publication } from './context';

export interface SyncResult {
  remoteId: number;
  url: string;
  status: string;
  created: boolean;
}

/** Fails loudly when WordPress stored something other than what we sent. */
export function verify(p: Publication, expect: Partial<Expectation>, got: RemotePost): void {
  const problems = mismatches(expect, got);
  if (problems.length) throw new PublishMismatchError(p.site.base_url, problems);
}

/**
 * Writes the listing's current content to its post.
 * - `publish`: creates the post as a draft if WordPress has none (after looking for it),
 *   checks the draft, then publishes it. Re-running it finds and updates the same post.
 * - `update`: the same for a live listing (an edit after publication republishes); an
 *   archived listing's post gets the new content but keeps its archive status and marks.
 */
export async function syncPost(
  deps: ActivityDeps,
  p: Publication,
  mode: 'publish' | 'update',
): Promise<SyncResult> {
  const listing = await withTenant(deps.db, p.input.agencyId, (tx) =>
    loadPublishableListing(tx, p.input.listingId),
  );
  const terms =
    p.profile === 'posts' ? await ensureTerms(p.client, termsOf(listing), p.signal) : undefined;
  const { write, expect } = buildPost(p.profile, listing, p.row.remote_media, terms);

  const archived =
    mode === 'update' && p.row.state === 'archived' && p.row.archived_reason
      ? archiveWrite(p.profile, p.row.archived_reason as ArchiveReason)
      : undefined;
  if (archived) {
    Object.assign(write.meta, archived.meta);
    Object.assign(expect.meta ?? {}, p.profile === 'property' ? archived.meta : {});
  }

  const existing = await findPost(
    p.client,
    {
      route: p.route,
      listingId: listing.id,
      slug: write.slug,
      knownId: p.row.remote_id ? Number(p.row.remote_id) : null,
      bySlug: p.profile === 'posts',
    },
    p.signal,
  );

  // WordPress deletes a field sent as null, but answers 500 rest_invalid_stored_value for a
  // numeric field that was never stored; a null is only sent to clear a stored value.
  write.meta = Object.fromEntries(
    Object.entries(write.meta).filter(
      ([k, v]) => v !== null || (existing?.meta?.[k] ?? null) !== null,
    ),
  );

  let post: RemotePost;
  let created = false;
  if (!existing) {
    const res = await createPost(p.client, p.route, { ...write, status: 'draft' }, p.signal);
    post = res.body;
    created = true;
    // Remembered before anything else can fail, so the next attempt goes straight to it.
    await p.store((s) =>
      s.update(p.row.id, {
        remote_id: String(post.id),
        remote_url: post.link,
        remote_status: post.status,
        state: 'draft',
      }),
    );
    verify(p, expect, post);
  } else {
    // An update keeps a live post live; anything else (draft, trash, pending) goes through draft.
    const keep: Status = existing.status === 'publish' ? 'publish' : 'draft';
    post = await updatePost(
      p.client,
      p.route,
      existing.id,
      { ...write, status: archived?.status ?? keep },
      p.signal,
    );
    verify(p, expect, post);
  }

  if (!archived && post.status !== 'publish') {
    post = await updatePost(p.client, p.route, post.id, { status: 'publish' }, p.signal);
    if (post.status !== 'publish')
      throw new PublishMismatchError(p.site.base_url, [
        `WordPress kept the post as "${post.status}" instead of publishing it (the user may lack publish rights, or the date is in the future)`,
      ]);
  }

  await p.store((s) =>
    s.update(p.row.id, {
      remote_id: String(post.id),
      remote_url: post.link,
      remote_status: post.status,
      error: null,
      ...(archived
        ? { state: 'archived' }
        : {
            state: 'published',
            archived_reason: null,
            ...(p.row.published_at ? {} : { published_at: new Date() }),
          }),
    }),
  );
  return { remoteId: post.id, url: post.link, status: post.status, created };
}
