import type Router from '@koa/router';
import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { authenticated, resolvePrincipal } from '../../middleware/authenticate';
import { requireRole } from '../../middleware/requireRole';
import { asCookieSession } from '../session/asCookieSession';
import { deleteSession } from '../session/deleteSession';
import { getOnboarding } from './getOnboarding';
import { getListingPublications } from './getListingPublications';
import { getAgencySettings, patchAgencySettings } from './agencySettings';
import { getWhatsAppChannel } from '../whatsappChannel/getWhatsAppChannel';
import { putWhatsAppChannel } from '../whatsappChannel/putWhatsAppChannel';
import { postTestMessage } from '../whatsappChannel/postTestMessage';
import { patchWordPressSite } from '../wordpressSites/patchWordPressSite';
import { postWordPressSiteCheck } from '../wordpressSites/postWordPressSiteCheck';

/** GET /v1/session: whether the request carries a live dashboard session (never a 401). */
const getSession: Middleware<AppState> = (ctx) => {
  ctx.body = { signedIn: Boolean(ctx.state.session) };
};

const OPERATORS = ['owner', 'admin'] as const;

/**
 * The routes the dashboard adds to /v1: its cookie sign-in and sign-out (which wrap the
 * token routes' own handlers, so the checks are the same) and the reads and commands of the
 * self-service pages. Mounted after the JSON body parser; as usable with a bearer token.
 */
export function dashboardApiRoutes(
  router: Router<AppState>,
  deps: ApiDeps,
  signIn: {
    login: Middleware<AppState>;
    signup: Middleware<AppState>;
    confirmSignup: Middleware<AppState>;
    acceptInvitation: Middleware<AppState>;
  },
): void {
  router
    .get('/session', getSession)
    .post('/session', asCookieSession(deps, signIn.login))
    .post('/session/signup', asCookieSession(deps, signIn.signup))
    .post('/session/signup/confirm', asCookieSession(deps, signIn.confirmSignup))
    .post('/session/invitation', asCookieSession(deps, signIn.acceptInvitation))
    .delete('/session', deleteSession(deps));

  const auth = authenticated(deps);
  // Routes that call a remote service open short transactions of their own (`inTenant`).
  const signedIn = resolvePrincipal(deps);
  const operators = requireRole(...OPERATORS);
  router
    .get('/onboarding', auth, operators, getOnboarding)
    .get('/listings/:id/publications', auth, getListingPublications)
    .get('/agency/settings', auth, operators, getAgencySettings)
    .patch('/agency/settings', auth, operators, patchAgencySettings)
    .get('/whatsapp-channel', auth, operators, getWhatsAppChannel(deps))
    .put('/whatsapp-channel', auth, operators, putWhatsAppChannel(deps))
    .post('/whatsapp-channel/test-message', signedIn, operators, postTestMessage(deps))
    .patch('/wordpress-sites/:id', signedIn, operators, patchWordPressSite(deps))
    .post('/wordpress-sites/:id/check', signedIn, operators, postWordPressSiteCheck(deps));
}
