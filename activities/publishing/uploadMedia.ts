import type { ActivityDeps } from '../deps';
import { withTenant } from '../../lib/db';
import { loadPublishableListing } from '../../lib/wordpress/listingSource';
import { mediaSlugOf, mediaTextOf, type MediaByAsset } from '../../lib/wordpress/mapping';
import {
  EXTENSIONS,
  findMediaBySlugs,
  updateMediaText,
  uploadMediaFile,
} from '../../lib/wordpress/remoteMedia';
import { withPublication, type PublicationInput } from './context';

export interface UploadMediaResult {
  total: number;
  uploaded: number;
  reused: number;
}

/**
 * Puts the listing's photos in the site's media library, each exactly once: WordPress is asked
 * first (by the slug `ra-<asset id>`, so an upload whose answer was lost is found), and only
 * the photos it does not have are uploaded. Alt text and caption are set, and corrected on
 * photos uploaded earlier if the operator changed a caption. Remote ids go to
 * `publications.remote_media`, keyed by asset id.
 */
export const createUploadMedia = (deps: ActivityDeps) =>
  function uploadMedia(input: PublicationInput): Promise<UploadMediaResult> {
    return withPublication(deps, input, async (p) => {
      const listing = await withTenant(deps.db, input.agencyId, (tx) =>
        loadPublishableListing(tx, input.listingId),
      );
      if (p.row.state === 'pending')
        await p.store((s) => s.update(p.row.id, { state: 'uploading' }));
      const slugs = listing.photos.map((photo) => mediaSlugOf(photo.assetId));
      const existing = await findMediaBySlugs(p.client, slugs, p.signal);
      const remembered: MediaByAsset = {};
      let uploaded = 0;
      let reused = 0;

      for (const photo of listing.photos) {
        const slug = mediaSlugOf(photo.assetId);
        const text = mediaTextOf(listing, photo);
        const found = existing.get(slug);
        if (found) {
          reused += 1;
          if (found.alt_text !== text.alt || (found.caption.raw ?? '') !== text.caption)
            await updateMediaText(p.client, found.id, text, p.signal);
          remembered[photo.assetId] = { id: found.id, url: found.source_url };
          continue;
        }
        const stored = await deps.storage.get(photo.storageKey, { signal: p.signal });
        const contentType = stored.contentType || photo.mimeType;
        const media = await uploadMediaFile(
          p.client,
          {
            bytes: stored.body,
            contentType,
            slug,
            extension: EXTENSIONS[contentType] ?? 'jpg',
          },
          text,
          p.signal,
        );
        uploaded += 1;
        // Recorded per photo: a crash after photo 4 of 6 keeps the first four.
        await p.store((s) =>
          s.rememberMedia(p.row.id, { [photo.assetId]: { id: media.id, url: media.source_url } }),
        );
      }
      if (Object.keys(remembered).length)
        await p.store((s) => s.rememberMedia(p.row.id, remembered));
      return { total: listing.photos.length, uploaded, reused };
    });
  };
