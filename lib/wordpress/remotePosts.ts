import { WordPressError, type WordPressClient } from './client';
import { LISTING_ID_META, type PostWrite, type RemotePost } from './mapping';

/**
 * Finding, creating and changing a listing's post. The rule that keeps a publish from ever
 * creating two posts: look before creating, by the id we remember, then by `realty_listing_id`
 * (a create whose answer was lost still carries it), then by the deterministic slug (sites
 * without the plugin drop the meta), drafts and trash included.
 */
export const EVERY_STATUS = ['publish', 'future', 'draft', 'pending', 'private', 'trash'];
const FIELDS = 'id,status,slug,link,title,content,featured_media,meta,categories,tags';

export interface Lookup {
  route: string;
  listingId: string;
  slug: string;
  knownId: number | null;
  /**
   * Also look by slug: needed where `realty_listing_id` may not be stored (the `posts`
   * profile on a site without the plugin); the `property` profile has the plugin.
   */
  bySlug: boolean;
}

const isMissingPost = (err: unknown) =>
  err instanceof WordPressError &&
  (err.code === 'rest_post_invalid_id' || (err.status === 404 && err.code !== 'rest_no_route'));

export async function findPost(
  client: WordPressClient,
  lookup: Lookup,
  signal?: AbortSignal,
): Promise<RemotePost | undefined> {
  if (lookup.knownId) {
    try {
      return await client.get<RemotePost>(
        `${lookup.route}/${lookup.knownId}`,
        { context: 'edit', _fields: FIELDS },
        signal,
      );
    } catch (err) {
      // Deleted for good on WordPress: look for another copy, else create it again.
      if (!isMissingPost(err)) throw err;
    }
  }
  const byListing = await client.get<RemotePost[]>(
    lookup.route,
    {
      [LISTING_ID_META]: lookup.listingId,
      status: EVERY_STATUS,
      context: 'edit',
      per_page: 20,
      orderby: 'id',
      order: 'asc',
      _fields: FIELDS,
    },
    signal,
  );
  // Without the plugin WordPress ignores the unknown parameter and lists everything: filter.
  const mine = byListing.filter((p) => p.meta?.[LISTING_ID_META] === lookup.listingId);
  if (mine[0]) return mine[0];
  if (!lookup.bySlug) return undefined;

  const bySlug = await client.get<RemotePost[]>(
    lookup.route,
    {
      slug: lookup.slug,
      status: EVERY_STATUS,
      context: 'edit',
      orderby: 'id',
      order: 'asc',
      _fields: FIELDS,
    },
    signal,
  );
  return bySlug.find((p) => p.slug === lookup.slug);
}

export type Status = 'draft' | 'publish';

export const createPost = (
  client: WordPressClient,
  route: string,
  write: PostWrite & { status: Status },
  signal?: AbortSignal,
) => client.request<RemotePost>('POST', route, { json: write, signal, query: { _fields: FIELDS } });

export const updatePost = async (
  client: WordPressClient,
  route: string,
  id: number,
  write: Partial<PostWrite> & { status?: Status },
  signal?: AbortSignal,
): Promise<RemotePost> =>
  (
    await client.request<RemotePost>('POST', `${route}/${id}`, {
      json: write,
      signal,
      query: { _fields: FIELDS },
    })
  ).body;
