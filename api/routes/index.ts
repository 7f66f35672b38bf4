import Router from '@koa/router';
import type { ApiDeps } from '../deps';
import type { AppState } from '../state';
import { authenticated, tenantTransaction } from '../middleware/authenticate';
import { requireRole } from '../middleware/requireRole';
import { jsonBody } from '../middleware/jsonBody';
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
  router.post('/listings', authenticated(deps), postListing(deps));
  router.use(jsonBody({ limit: deps.config.BODY_LIMIT }));

  router
    .post('/auth/signup', postSignup(deps))
    .post('/auth/signup/confirm', postConfirmSignup(deps))
    .post('/auth/login', postLogin(deps))
    .post('/auth/refresh', postRefresh(deps))
    .post('/auth/logout', postLogout(deps))
    .post('/auth/invitations/accept', postAcceptInvitation(deps));

  const auth = authenticated(deps);
  // Handlers that open `inTenant` around their own database work mount `auth` alone; the
  // others still read one request-wide transaction (`scope(ctx).tx`) and mount `inTx` too.
  const inTx = [auth, tenantTransaction(deps)] as const;
  router
    .get('/me', auth, getMe)
    .get('/users', auth, requireRole(...OPERATORS), getUsers)
    .post('/users/invitations', auth, requireRole(...OPERATORS), postInvitation(deps))
    .patch('/users/:id', auth, requireRole(...OPERATORS), patchUser)
    .get('/api-keys', auth, requireRole(...OPERATORS), getApiKeys)
    .post('/api-keys', auth, requireRole(...OPERATORS), postApiKey)
    .delete('/api-keys/:id', auth, requireRole(...OPERATORS), deleteApiKey);
  router
    .get('/listings', ...inTx, getListings)
    .get('/listings/:id', ...inTx, getListing(deps))
    .patch('/listings/:id', ...inTx, patchListing(deps))
    .post(
      '/listings/:id/approve',
      ...inTx,
      requireRole(...OPERATORS),
      postDecision(deps, 'approve'),
    )
    .post('/listings/:id/reject', ...inTx, requireRole(...OPERATORS), postDecision(deps, 'reject'))
    .post('/listings/:id/reopen', ...inTx, requireRole(...OPERATORS), postDecision(deps, 'reopen'))
    .post(
      '/listings/:id/archive',
      ...inTx,
      requireRole(...OPERATORS),
      postLifecycle(deps, 'archive'),
    )
    .post(
      '/listings/:id/republish',
      ...inTx,
      requireRole(...OPERATORS),
      postLifecycle(deps, 'republish'),
    )
    .post(
      '/listings/:id/retry-publish',
      ...inTx,
      requireRole(...OPERATORS),
      postLifecycle(deps, 'retry-publish'),
    );
  router
    .get('/wordpress-sites', ...inTx, requireRole(...OPERATORS), getWordPressSites)
    .post('/wordpress-sites', auth, requireRole(...OPERATORS), postWordPressSite(deps))
    .delete('/wordpress-sites/:id', auth, requireRole(...OPERATORS), deleteWordPressSite);
  router
    .get('/billing', ...inTx, requireRole(...OPERATORS), getBilling)
    .post('/billing/checkout', ...inTx, requireRole('owner'), postCheckout(deps))
    .post('/billing/portal', ...inTx, requireRole('owner'), postPortal(deps));
  return router;
}
