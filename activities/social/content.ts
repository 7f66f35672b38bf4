import type { Queryable } from '../../lib/db';
import { TABLES } from '../../lib/db';
import type { Storage } from '../../lib/storage';
import { loadPublishableListing } from '../../lib/wordpress/listingSource';
import type { SocialAccountPlatform } from '../../lib/social/accountStore';
import { captionWithLink } from '../../lib/social/caption';
import type { PostContent } from '../../lib/social/publish';

/** How long Meta may take to fetch a photo from its signed URL. */
const PHOTO_URL_TTL_SECONDS = 6 * 3600;

/** The operator's current copy for a platform: an edit wins over the generated text. */
async function socialCopy(
  db: Queryable,
  listingId: string,
  platform: SocialAccountPlatform,
  language: string,
): Promise<string | undefined> {
  const drafts = await db(TABLES.drafts)
    .where({ listing_id: listingId, kind: 'social', platform })
    .whereIn('status', ['edited', 'approved', 'generated'])
    .orderBy('updated_at', 'desc')
    .select<Array<{ content: string; status: string; language: string }>>(
      'content',
      'status',
      'language',
    );
  const rank = (d: (typeof drafts)[number]) =>
    (d.language === language ? 0 : 2) + (d.status === 'generated' ? 1 : 0);
  return [...drafts].sort((a, b) => rank(a) - rank(b))[0]?.content;
}

/** The live WordPress URL of the listing (its first published site). */
export async function liveLink(db: Queryable, listingId: string): Promise<string | undefined> {
  const row = await db(TABLES.publications)
    .where({ listing_id: listingId })
    .whereNotNull('remote_url')
    .orderBy('created_at', 'asc')
    .first<{ remote_url: string } | undefined>('remote_url');
  return row?.remote_url;
}

/** Everything a post needs, read in one short transaction; photo URLs are signed afterwards. */
export async function loadPostContent(
  db: Queryable,
  listingId: string,
  platform: SocialAccountPlatform,
): Promise<{ caption: string; link: string; storageKeys: string[] } | { missing: string }> {
  const listing = await loadPublishableListing(db, listingId);
  const link = await liveLink(db, listingId);
  if (!link) return { missing: 'The listing has no live WordPress link yet' };
  const copy = await socialCopy(db, listingId, platform, listing.language);
  if (!copy) return { missing: `There is no ${platform} copy for this listing` };
  return {
    caption: captionWithLink(copy, link),
    link,
    storageKeys: listing.photos.map((p) => p.storageKey),
  };
}

export async function signPhotos(
  storage: Storage,
  content: { caption: string; link: string; storageKeys: string[] },
): Promise<PostContent> {
  return {
    caption: content.caption,
    link: content.link,
    marker: content.link,
    photoUrls: await Promise.all(
      content.storageKeys.map((key) =>
        storage.signedUrl(key, { ttlSeconds: PHOTO_URL_TTL_SECONDS }),
      ),
    ),
  };
}
