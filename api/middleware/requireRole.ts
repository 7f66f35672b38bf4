import type { Middleware } from 'koa';
import type { Role } from '../../lib/auth/roles';
import { ForbiddenError, UnauthorizedError } from '../errors';
import type { AppState } from '../state';

export function requireRole(...roles: Role[]): Middleware<AppState> {
  return async (ctx, next) => {
    const principal = ctx.state.principal;
    if (!principal) throw new UnauthorizedError();
    if (!roles.includes(principal.role)) {
      throw new ForbiddenError(`This needs one of the roles: ${roles.join(', ')}`);
    }
    await next();
  };
}
