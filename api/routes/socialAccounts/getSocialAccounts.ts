import type { Middleware } from 'koa';
import type { AppState } from '../../state';
import { scope } from '../../scope';
import { createSocialAccountStore, publicSocialAccount } from '../../../lib/social/accountStore';

/** GET /v1/social-accounts: the agency's Facebook Page and Instagram account, without tokens. */
export const getSocialAccounts: Middleware<AppState> = async (ctx) => {
  const { tx } = scope(ctx);
  const rows = await createSocialAccountStore(tx).list();
  ctx.body = { data: rows.map(publicSocialAccount) };
};
