import type { Middleware } from 'koa';
import type { AppState } from '../../state';
import { scope } from '../../scope';
import { validate } from '../../validate';
import { IdParam } from '../users/schemas';
import { visibleListing } from '../listings/access';
import { TABLES } from '../../../lib/db';
import { publicPublication, type PublicationRow } from '../../../lib/wordpress/publicationStore';

/**
 * GET /v1/listings/:id/publications: where the listing went: per connected WordPress site,
 * the state, the live link and, when it failed, the reason in words. Sites it has not reached
 * yet are listed as `not_published`, so the page shows every site.
 */
export const getListingPublications: Middleware<AppState> = async (ctx) => {
  const s = scope(ctx);
  const { id } = validate(IdParam, ctx.params);
  const listing = await visibleListing(s, id);
  const [sites, pubs] = await Promise.all([
    s.tx(TABLES.wordpressSites).select('id', 'name', 'base_url').orderBy('created_at', 'asc'),
    s.tx<PublicationRow>(TABLES.publications).where({ listing_id: id }),
  ]);
  ctx.body = {
    listingId: id,
    status: listing.status,
    lastError: listing.last_error,
    data: sites.map((site: { id: string; name: string; base_url: string }) => {
      const pub = pubs.find((p) => p.site_id === site.id);
      return {
        site: { id: site.id, name: site.name, baseUrl: site.base_url },
        ...(pub
          ? publicPublication(pub)
          : { siteId: site.id, state: 'not_published', url: null, error: null }),
      };
    }),
  };
};
