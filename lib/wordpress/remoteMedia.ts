import type { WordPressClient } from './client';

/**
 * Photos in the WordPress media library, each keyed by our asset id through its slug
 * (`ra-<asset id>`): uploading sets the slug, so a retry after a lost answer finds the
 * earlier upload instead of adding a second copy.
 */
export interface RemoteMedia {
  id: number;
  slug: string;
  source_url: string;
  alt_text: string;
  caption: { raw?: string };
  title?: { raw?: string };
}

const FIELDS = 'id,slug,source_url,alt_text,caption,title';
/** Slugs per lookup: keeps the URL short and within WordPress's per_page limit. */
const CHUNK = 40;

/** Media with any of these slugs, by slug (attachments live in status `inherit`). */
export async function findMediaBySlugs(
  client: WordPressClient,
  slugs: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, RemoteMedia>> {
  const found = new Map<string, RemoteMedia>();
  for (let i = 0; i < slugs.length; i += CHUNK) {
    const chunk = slugs.slice(i, i + CHUNK);
    const items = await client.get<RemoteMedia[]>(
      '/wp/v2/media',
      {
        slug: chunk,
        per_page: 100,
        context: 'edit',
        orderby: 'id',
        order: 'asc',
        _fields: FIELDS,
      },
      signal,
    );
    // The lowest id wins if an older bug ever uploaded a photo twice.
    for (const item of items) if (!found.has(item.slug)) found.set(item.slug, item);
  }
  return found;
}

export interface MediaText {
  alt: string;
  caption: string;
  title: string;
}

/** One upload; slug, alt text, caption and title travel in the query of the same request. */
export async function uploadMediaFile(
  client: WordPressClient,
  file: { bytes: Buffer; contentType: string; slug: string; extension: string },
  text: MediaText,
  signal?: AbortSignal,
): Promise<RemoteMedia> {
  const res = await client.request<RemoteMedia>('POST', '/wp/v2/media', {
    file: {
      bytes: file.bytes,
      contentType: file.contentType,
      filename: `${file.slug}.${file.extension}`,
    },
    query: {
      slug: file.slug,
      alt_text: text.alt,
      caption: text.caption,
      title: text.title,
      _fields: FIELDS,
    },
    signal,
  });
  return res.body;
}

export const updateMediaText = (
  client: WordPressClient,
  id: number,
  text: MediaText,
  signal?: AbortSignal,
) =>
  client.request<RemoteMedia>('POST', `/wp/v2/media/${id}`, {
    json: { alt_text: text.alt, caption: text.caption, title: text.title },
    query: { _fields: FIELDS },
    signal,
  });

export const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/heic': 'heic',
};
