import Router from '@koa/router';
import type { ApiDeps } from '../deps';
import type { AppState } from '../state';
import { authenticated, resolvePrincipal } from '../middleware/authenticate';
import { requireRole } from '../middleware/requireRole';
import { jsonBody } from '../middleware/jsonBody';
import { dashboardApiRoutes } from './dashboard/api';
import { getHealthz, getReadyz } from './health';
import { openApiDocument } from '../openapi';
import { getFile } from './files/getFile';
import { postSignup } from './auth/postSignup';
import { postConfirmSignup } from './auth/postConfirmSignup';
import { postLogin } from './auth/postLogin';
import { postRefresh } from './auth/postRefresh';
import { postLogout } from './auth/postLogout';
import { postAcceptInvitation } from './auth/postAcceptInvitation';
import { getMe } from './users/getMe';
import { getUsers } from './users/getUsers';
import { postInvitation } from './users/postInvitation';
import { patchUser } from './users/patchUser';
import { getApiKeys } from './apiKeys/getApiKeys';
import { postApiKey } from './apiKeys/postApiKey';
import { deleteApiKey } from './apiKeys/deleteApiKey';
import { getBilling } from './billing/getBilling';
import { postCheckout } from './billing/postCheckout';
import { postPortal } from './billing/postPortal';
import { getListings } from './listings/getListings';
import { getListing } from './listings/getListing';
import { patchListing } from './listings/patchListing';
import { postDecision } from './listings/postDecision';
import { postLifecycle } from './listings/postLifecycle';
import { postListing } from './listings/postListing';
import { getWordPressSites } from './wordpressSites/getWordPressSites';
import { postWordPressSite } from './wordpressSites/postWordPressSite';
import { deleteWordPressSite } from './wordpressSites/deleteWordPressSite';
import { getSocialAccounts } from './socialAccounts/getSocialAccounts';
import { postSocialAccount } from './socialAccounts/postSocialAccount';
import { deleteSocialAccount } from './socialAccounts/deleteSocialAccount';
import { getSocialPosts } from './socialPosts/getSocialPosts';
import { putSocialPost } from './socialPosts/putSocialPost';
import { postSocialPostRetry } from './socialPosts/postSocialPostRetry';

const OPERATORS = ['owner', 'admin'] as const;

/** Probes: no auth, no body. */
export function healthRouter(deps: ApiDeps): Router<AppState> {
  const openapi = openApiDocument(deps.config.PUBLIC_URL);
  return new Router<AppState>()
    .get('/healthz', getHealthz)
    .get('/readyz', getReadyz(deps))
    .get('/openapi.json', (ctx) => {
      ctx.body = openapi;
    });
}

/** Photos of the local storage driver, behind expiring signed URLs (S3 presigns its own). */
export function filesRouter(deps: ApiDeps): Router<AppState> {
  return new Router<AppState>().get('/files/{*key}', getFile(deps));
}

/** The JSON API under /v1. Webhooks (raw bodies) are mounted separately, before this. */
export function apiRouter(deps: ApiDeps): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/v1' });
  // Multipart (text + photos), so registered before the JSON body parser, which it never reaches.
  router.post('/listings', resolvePrincipal(deps), postListing(deps));
  router.use(jsonBody({ limit: deps.config.BODY_LIMIT }));

  router
    .post('/auth/signup', postSignup(deps))
    .post('/auth/signup/confirm', postConfirmSignup(deps))
    .post('/auth/login', postLogin(deps))
    .post('/auth/refresh', postRefresh(deps))
    .post('/auth/logout', postLogout(deps))
    .post('/auth/invitations/accept', postAcceptInvitation(deps));
  dashboardApiRoutes(router, deps, {
    login: postLogin(deps),
    signup: postSignup(deps),
    confirmSignup: postConfirmSignup(deps),
    acceptInvitation: postAcceptInvitation(deps),
  });

  // Handlers that open `inTenant` around their own database work mount `signedIn`; the others
  // still read one request-wide transaction (`scope(ctx).tx`) and mount `auth`.
  const signedIn = resolvePrincipal(deps);
  const auth = authenticated(deps);
  router
    .get('/me', signedIn, getMe)
    .get('/users', signedIn, requireRole(...OPERATORS), getUsers)
    .post('/users/invitations', signedIn, requireRole(...OPERATORS), postInvitation(deps))
    .patch('/users/:id', signedIn, requireRole(...OPERATORS), patchUser)
    .get('/api-keys', signedIn, requireRole(...OPERATORS), getApiKeys)
    .post('/api-keys', signedIn, requireRole(...OPERATORS), postApiKey)
    .delete('/api-keys/:id', signedIn, requireRole(...OPERATORS), deleteApiKey);
  router
    .get('/listings', auth, getListings)
    .get('/listings/:id', auth, getListing(deps))
    .patch('/listings/:id', signedIn, patchListing(deps))
    .post(
      '/listings/:id/approve',
      signedIn,
      requireRole(...OPERATORS),
      postDecision(deps, 'approve'),
    )
    .post('/listings/:id/reject', signedIn, requireRole(...OPERATORS), postDecision(deps, 'reject'))
    .post('/listings/:id/reopen', signedIn, requireRole(...OPERATORS), postDecision(deps, 'reopen'))
    .post(
      '/listings/:id/archive',
      signedIn,
      requireRole(...OPERATORS),
      postLifecycle(deps, 'archive'),
    )
    .post(
      '/listings/:id/republish',
      signedIn,
      requireRole(...OPERATORS),
      postLifecycle(deps, 'republish'),
    )
    .post(
      '/listings/:id/retry-publish',
      signedIn,
      requireRole(...OPERATORS),
      postLifecycle(deps, 'retry-publish'),
    );
  router
    .get('/wordpress-sites', auth, requireRole(...OPERATORS), getWordPressSites)
    .post('/wordpress-sites', signedIn, requireRole(...OPERATORS), postWordPressSite(deps))
    .delete('/wordpress-sites/:id', signedIn, requireRole(...OPERATORS), deleteWordPressSite);
  router
    .get('/social-accounts', auth, requireRole(...OPERATORS), getSocialAccounts)
    .post('/social-accounts', signedIn, requireRole(...OPERATORS), postSocialAccount(deps))
    .delete('/social-accounts/:id', auth, requireRole(...OPERATORS), deleteSocialAccount)
    .get('/listings/:id/social-posts', auth, getSocialPosts)
    .put(
      '/listings/:id/social-posts/:platform',
      signedIn,
      requireRole(...OPERATORS),
      putSocialPost(deps),
    )
    .post(
      '/listings/:id/social-posts/:platform/retry',
      signedIn,
      requireRole(...OPERATORS),
      postSocialPostRetry(deps),
    );
  router
    .get('/billing', auth, requireRole(...OPERATORS), getBilling)
    .post('/billing/checkout', signedIn, requireRole('owner'), postCheckout(deps))
    .post('/billing/portal', signedIn, requireRole('owner'), postPortal(deps));
  return router;
}
