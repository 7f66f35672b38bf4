import type { SocialGraphClient } from './graphClient';
import { SocialGraphError } from './errors';
import type { SocialPostPatch, SocialPostRow } from './postStore';

/** What a post says and shows; `marker` (the live link) identifies it on the platform. */
export interface PostContent {
  caption: string;
  marker: string;
  link: string;
  photoUrls: string[];
}

export interface PostOutcome {
  remoteId: string;
  permalink: string | null;
  /** True when the post was already there (an earlier attempt made it). */
  reused: boolean;
}

/** Persists a change to the post's row before the next remote call. */
export type RecordPost = (patch: SocialPostPatch & { countAttempt?: boolean }) => Promise<void>;

/** Instagram is still processing a container; the caller retries later. */
export class ContainerNotReady extends Error {}

const FACEBOOK_MAX_PHOTOS = 10;
const INSTAGRAM_CAROUSEL_MAX = 10;

/**
 * A Facebook Page post, at most once. The row says `posting` before Meta is asked, so an
 * attempt that finds `posting` without a remote id knows an earlier one may have posted and
 * looks for the marker among the Page's recent posts before posting again.
 */
export async function postToFacebookPage(
  client: SocialGraphClient,
  pageId: string,
  row: SocialPostRow,
  content: PostContent,
  record: RecordPost,
  signal?: AbortSignal,
): Promise<PostOutcome> {
  if (row.remote_id) return { remoteId: row.remote_id, permalink: row.permalink, reused: true };
  if (row.state === 'posting') {
    const found = (await client.recentPagePosts(pageId, signal)).find((p) =>
      p.message?.includes(content.marker),
    );
    if (found) return remember(client, 'facebook', found.id, found.permalink, record, true, signal);
  }
  await record({ state: 'posting', caption: content.caption, countAttempt: true });
  // Unpublished photos are harmless if a retry uploads them again; only the post is visible.
  const photoIds: string[] = [];
  for (const url of content.photoUrls.slice(0, FACEBOOK_MAX_PHOTOS))
    photoIds.push(await client.uploadUnpublishedPhoto(pageId, url, signal));
  const id = await client.createPagePost(
    pageId,
    { message: content.caption, link: content.link, photoIds },
    signal,
  );
  return remember(client, 'facebook', id, undefined, record, false, signal);
}

/**
 * Instagram's content-publishing flow, at most once: the container id is recorded before it
 * is published, and a container that Instagram reports PUBLISHED is not published again (its
 * media is found by the marker in the caption).
 */
export async function postToInstagram(
  client: SocialGraphClient,
  igUserId: string,
  row: SocialPostRow,
  content: PostContent,
  record: RecordPost,
  options: { pollIntervalMs: number; pollAttempts: number; signal?: AbortSignal },
): Promise<PostOutcome> {
  const { signal } = options;
  if (row.remote_id) return { remoteId: row.remote_id, permalink: row.permalink, reused: true };
  let containerId = row.container_id;
  if (containerId) {
    const status = await client.containerStatus(containerId, signal);
    if (status === 'PUBLISHED') {
      const found = (await client.recentMedia(igUserId, signal)).find((m) =>
        m.message?.includes(content.marker),
      );
      if (found)
        return remember(client, 'instagram', found.id, found.permalink, record, true, signal);
      throw new SocialGraphError(
        'unavailable',
        200,
        undefined,
        'Instagram says the post was published but does not list it yet',
      );
    }
    if (status === 'ERROR' || status === 'EXPIRED') containerId = null;
  }
  if (!containerId) {
    if (!content.photoUrls.length)
      throw new SocialGraphError(
        'media_rejected',
        400,
        undefined,
        'Instagram needs at least one photo',
      );
    await record({ state: 'posting', caption: content.caption, countAttempt: true });
    containerId = await createContainer(client, igUserId, content, signal);
    await record({ container_id: containerId });
  }
  await waitUntilFinished(client, containerId, options);
  const quota = await client.publishingQuota(igUserId, signal);
  if (quota.used >= quota.total)
    throw new SocialGraphError(
      'rate_limited',
      429,
      undefined,
      `Instagram's publishing limit (${quota.total} posts a day) is reached`,
      3600,
    );
  const mediaId = await client.publishContainer(igUserId, containerId, signal);
  return remember(client, 'instagram', mediaId, undefined, record, false, signal);
}

async function createContainer(
  client: SocialGraphClient,
  igUserId: string,
  content: PostContent,
  signal?: AbortSignal,
): Promise<string> {
  const photos = content.photoUrls.slice(0, INSTAGRAM_CAROUSEL_MAX);
  if (photos.length === 1)
    return client.createContainer(
      igUserId,
      { imageUrl: photos[0], caption: content.caption },
      signal,
    );
  const children: string[] = [];
  for (const imageUrl of photos)
    children.push(await client.createContainer(igUserId, { imageUrl, carouselItem: true }, signal));
  return client.createContainer(igUserId, { children, caption: content.caption }, signal);
}

async function waitUntilFinished(
  client: SocialGraphClient,
  containerId: string,
  options: { pollIntervalMs: number; pollAttempts: number; signal?: AbortSignal },
): Promise<void> {
  for (let attempt = 0; attempt < options.pollAttempts; attempt++) {
    const status = await client.containerStatus(containerId, options.signal);
    if (status === 'FINISHED') return;
    if (status === 'ERROR' || status === 'EXPIRED')
      throw new SocialGraphError(
        'media_rejected',
        400,
        undefined,
        `Instagram could not process the photos (container ${status})`,
      );
    await new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs));
  }
  throw new ContainerNotReady(`Instagram is still processing container ${containerId}`);
}

async function remember(
  client: SocialGraphClient,
  platform: 'facebook' | 'instagram',
  remoteId: string,
  knownPermalink: string | undefined,
  record: RecordPost,
  reused: boolean,
  signal?: AbortSignal,
): Promise<PostOutcome> {
  await record({ state: 'posted', remote_id: remoteId, error_code: null, last_error: null });
  // The post exists either way; a permalink that cannot be read now is only cosmetic.
  const permalink =
    knownPermalink ?? (await client.permalink(remoteId, platform, signal).catch(() => undefined));
  if (permalink) await record({ permalink });
  return { remoteId, permalink: permalink ?? null, reused };
}
