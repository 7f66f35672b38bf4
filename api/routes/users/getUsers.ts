import type { Middleware } from 'koa';
import type { AppState } from '../../state';
import { inTenant } from '../../scope';
import { createUserStore, publicUser } from '../../../lib/accounts/userStore';

/** GET /v1/users: the agency's people. */
export const getUsers: Middleware<AppState> = async (ctx) => {
  const users = await inTenant(ctx, ({ tx }) => createUserStore(tx).list());
  ctx.body = { data: users.map(publicUser) };
};
