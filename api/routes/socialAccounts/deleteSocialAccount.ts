import type { Middleware } from 'koa';
import type { AppState } from '../../state';
import { scope } from '../../scope';
import { validate } from '../../validate';
import { NotFoundError } from '../../errors';
import { SocialAccountIdParam } from './schemas';
import { createSocialAccountStore } from '../../../lib/social/accountStore';

/** DELETE /v1/social-accounts/:id: forgets the account and its token (posts stay on Meta). */
export const deleteSocialAccount: Middleware<AppState> = async (ctx) => {
  const { tx, audit } = scope(ctx);
  const { id } = validate(SocialAccountIdParam, ctx.params);
  const accounts = createSocialAccountStore(tx);
  const account = await accounts.get(id);
  if (!account || !(await accounts.remove(id))) throw new NotFoundError('Social account');
  await audit({
    action: 'social_account.removed',
    target: { type: 'social_account', id },
    data: { platform: account.platform },
  });
  ctx.status = 204;
};
