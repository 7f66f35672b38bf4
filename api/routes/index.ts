import Router from '@koa/router';
import type { ApiDeps } from '../deps';
import type { AppState } from '../state';
import { authenticated } from '../middleware/authenticate';
import { requireRole } from '../middleware/requireRole';
import { jsonBody } from '../middleware/jsonBody';
import { getHealthz, getReadyz } from './health';
import { getFile } from './files/getFile';
import { postSignup } from './auth/postSignup';
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

const OPERATORS = ['owner', 'admin'] as const;

/** Probes: no auth, no body. */
export function healthRouter(deps: ApiDeps): Router<AppState> {
  return new Router<AppState>().get('/healthz', getHealthz).get('/readyz', getReadyz(deps));
}

/** Photos of the local storage driver, behind expiring signed URLs (S3 presigns its own). */
export function filesRouter(deps: ApiDeps): Router<AppState> {
  return new Router<AppState>().get('/files/{*key}', getFile(deps));
}

/** The JSON API under /v1. Webhooks (raw bodies) are mounted separately, before this. */
export function apiRouter(deps: ApiDeps): Router<AppState> {
  const router = new Router<AppState>({ prefix: '/v1' });
  router.use(jsonBody({ limit: deps.config.BODY_LIMIT }));

  router
    .post('/auth/signup', postSignup(deps))
    .post('/auth/login', postLogin(deps))
    .post('/auth/refresh', postRefresh(deps))
    .post('/auth/logout', postLogout(deps))
    .post('/auth/invitations/accept', postAcceptInvitation(deps));

  const auth = authenticated(deps);
  router
    .get('/me', auth, getMe)
    .get('/users', auth, requireRole(...OPERATORS), getUsers)
    .post('/users/invitations', auth, requireRole(...OPERATORS), postInvitation(deps))
    .patch('/users/:id', auth, requireRole(...OPERATORS), patchUser)
    .get('/api-keys', auth, requireRole(...OPERATORS), getApiKeys)
    .post('/api-keys', auth, requireRole(...OPERATORS), postApiKey)
    .delete('/api-keys/:id', auth, requireRole(...OPERATORS), deleteApiKey);
  return router;
}
