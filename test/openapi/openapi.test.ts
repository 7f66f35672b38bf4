import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import type Router from '@koa/router';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { startTestApi, type TestApi } from '../support/api';
import { createApp } from '../../api/app';
import { OPERATIONS } from '../../api/openapi/operations';
import { operationById } from '../../api/openapi/document';

/**
 * /openapi.json against the server itself: every route the app registers is documented (and
 * nothing else is), every operation has an id and a success schema, and real answers of the
 * running API match the schemas the document is rendered from.
 */

let db: TestDatabase;
let api: TestApi;
before(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db);
});
after(async () => {
  await api.close();
  await db.drop();
});

/** Not API: the dashboard's page and static files (web/). */
const UNDOCUMENTED = [/^\/app(\/|$)/];

/** `METHOD /path` of every route the Koa app dispatches to, in OpenAPI's path form. */
function registeredRoutes(): string[] {
  const app = createApp(api.deps);
  const routes = new Set<string>();
  for (const mw of app.middleware as Array<{ router?: Router }>) {
    for (const layer of mw.router?.stack ?? []) {
      if (typeof layer.path !== 'string') continue;
      const path = layer.path
        .replace(/\{\*(\w+)\}/g, '{$1}')
        .replace(/:(\w+)/g, '{$1}')
        .replace(/(.)\/$/, '$1');
      if (UNDOCUMENTED.some((r) => r.test(path))) continue;
      for (const method of layer.methods) {
        if (method !== 'HEAD') routes.add(`${method} ${path}`);
      }
    }
  }
  return [...routes].sort();
}

describe('the document covers the router', () => {
  test('every registered route is documented, and every documented one registered', async () => {
    const documented = OPERATIONS.map((o) => `${o.method.toUpperCase()} ${o.path}`).sort();
    const registered = registeredRoutes();
    assert.ok(registered.length >= 30, `found ${registered.length} routes`);
    assert.deepEqual(
      registered.filter((r) => !documented.includes(r)),
      [],
      'routes without documentation',
    );
    assert.deepEqual(
      documented.filter((r) => !registered.includes(r)),
      [],
      'documented routes the app does not register',
    );

    const res = await api.request('GET', '/openapi.json');
    assert.equal(res.status, 200);
    const doc = res.body as {
      openapi: string;
      paths: Record<string, Record<string, { operationId?: string; responses: object }>>;
    };
    assert.equal(doc.openapi, '3.1.0');
    const served = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ path, method, op })),
    );
    assert.equal(served.length, OPERATIONS.length);
    const ids = served.map((s) => s.op.operationId);
    assert.ok(
      ids.every((id) => typeof id === 'string'),
      'every operation has an operationId',
    );
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
    for (const { path, method, op } of served) {
      const success = Object.entries(op.responses).find(([s]) => Number(s) < 300);
      assert.ok(success, `${method} ${path} has a success response`);
      const [status, body] = success as [string, { content?: object }];
      if (status !== '204') assert.ok(body.content, `${method} ${path} ${status} has a schema`);
    }
    assert.ok(doc.paths['/webhooks/whatsapp']?.post && doc.paths['/webhooks/stripe']?.post);
    assert.ok(doc.paths['/healthz']?.get && doc.paths['/readyz']?.get);
  });
});

describe('real answers match their documented schemas', () => {
  /** Calls the API and holds the answer to the operation's success status and schema. */
  async function conforms(
    operationId: string,
    path: string,
    opts: Parameters<TestApi['request']>[2] = {},
  ) {
    const op = operationById(operationId);
    assert.ok(op, operationId);
    const res = await api.request(op.method.toUpperCase(), path, opts);
    assert.equal(res.status, op.success.status, `${operationId}: ${JSON.stringify(res.body)}`);
    if (op.success.schema) {
      const parsed = op.success.schema.safeParse(res.body);
      assert.ok(parsed.success, `${operationId}: ${parsed.error?.message ?? ''}`);
    }
    return res.body;
  }

  test('accounts, keys, billing, listings and probes', async () => {
    const owner = await conforms('signUp', '/v1/auth/signup', {
      body: {
        agencyName: 'Schema Homes',
        name: 'Owner',
        email: `${randomUUID().slice(0, 8)}@schema.test`,
        password: 'correct horse battery',
      },
    });
    const token = owner.accessToken as string;
    await conforms('getMe', '/v1/me', { token });
    await conforms('inviteUser', '/v1/users/invitations', {
      token,
      body: { name: 'Ana', role: 'agent', whatsappPhone: '+34 600 123 456' },
    });
    await conforms('listUsers', '/v1/users', { token });
    await conforms('createApiKey', '/v1/api-keys', { token, body: { name: 'CRM', role: 'admin' } });
    await conforms('listApiKeys', '/v1/api-keys', { token });
    await conforms('getBilling', '/v1/billing', { token });
    await conforms('refreshSession', '/v1/auth/refresh', {
      body: { refreshToken: owner.refreshToken },
    });

    const listingId = randomUUID();
    await db.owner('listings').insert({
      id: listingId,
      agency_id: owner.agency.id,
      status: 'awaiting_review',
      title: 'Bright flat',
      city: 'Lisbon',
    });
    await db.owner('audit_log').insert({
      agency_id: owner.agency.id,
      actor_type: 'system',
      action: 'listing.plan_skipped',
      target_type: 'listing',
      target_id: listingId,
      data: JSON.stringify({ limit: 'photo_ai', reason: 'not in the plan' }),
    });
    const page = await conforms('listListings', '/v1/listings', { token });
    assert.equal(page.data.length, 1);
    await conforms('getListing', `/v1/listings/${listingId}`, { token });

    await conforms('getHealth', '/healthz');
    await conforms('getReadiness', '/readyz');
    await conforms('getOpenApiDocument', '/openapi.json');
  });

  test('a schema that does not match the answer fails', () => {
    const op = operationById('getBilling');
    assert.ok(op?.success.schema);
    assert.equal(op.success.schema.safeParse({ plan: 'starter' }).success, false);
  });
});
