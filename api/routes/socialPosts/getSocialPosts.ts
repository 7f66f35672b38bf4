import type { Middleware } from 'koa';
import type { AppState } from '../../state';
import { scope } from '../../scope';
import { validate } from '../../validate';
import { visibleListing } from '../listings/access';
import { ListingIdParam } from './schemas';
import { createSocialPostStore, publicSocialPost } from '../../../lib/social/postStore';

/** GET /v1/listings/:id/social-posts: each platform's post, its link, or why it did not go out. */
export const getSocialPosts: Middleware<AppState> = async (ctx) => {
  const s = scope(ctx);
  const { id } = validate(ListingIdParam, ctx.params);
  await visibleListing(s, id);
  const rows = await createSocialPostStore(s.tx).forListing(id);
  ctx.body = { data: rows.map(publicSocialPost) };
};
