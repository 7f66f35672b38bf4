import type { Middleware } from 'koa';
import type { AppState } from '../../state';
import { scope } from '../../scope';
import { createUserStore, publicUser } from '../../../lib/accounts/userStore';

/** GET /v1/users: the agency's people. */
export const getUsers: Middleware<AppState> = async (ctx) => {
  const { tx } = scope(ctx);
  ctx.body = { data: (await createUserStore(tx).list()).map(publicUser) };
};
