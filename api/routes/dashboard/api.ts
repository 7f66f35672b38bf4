import type Router from '@koa/router';
import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { asCookieSession } from '../session/asCookieSession';
import { deleteSession } from '../session/deleteSession';

/**
 * The routes the dashboard adds to /v1: its cookie sign-in and sign-out (which wrap the
 * token routes' own handlers, so the checks are the same) and the reads and commands of the
 * self-service pages. Mounted after the JSON body parser.
 */
export function dashboardApiRoutes(
  router: Router<AppState>,
  deps: ApiDeps,
  signIn: {
    login: Middleware<AppState>;
    signup: Middleware<AppState>;
    acceptInvitation: Middleware<AppState>;
  },
): void {
  router
    .post('/session', asCookieSession(deps, signIn.login))
    .post('/session/signup', asCookieSession(deps, signIn.signup))
    .post('/session/invitation', asCookieSession(deps, signIn.acceptInvitation))
    .delete('/session', deleteSession(deps));
}
