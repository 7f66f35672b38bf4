import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import type Router from '@koa/router';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { confirmationTokenFor, startTestApi, type TestApi } from '../support/api';
import { createApp } from '../../api/app';
import { OPERATIONS } from '../../api/openapi/operations';
import { operationById } from '../../api/openapi/document';
import { errorBodyFor } from '../../api/openapi/errors';

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

/**
 * Registered but not API, so not documented: the dashboard's page and static files (web/), and
 * the codec's CORS preflight (answered for the Temporal UI's browser, not called by clients).
 */
const UNDOCUMENTED = [/^[A-Z]+ \/app(\/|$)/, /^OPTIONS \/codec\/\{path\}$/];

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
      for (const method of layer.methods) {
        const route = `${method} ${path}`;
        if (method !== 'HEAD' && !UNDOCUMENTED.some((r) => r.test(route))) routes.add(route);
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
  type Opts = Parameters<TestApi['request']>[2] & { status?: number };

  /**
   * Calls the API and holds the answer to the operation's success schema: its usual success
   * status, or the documented other success `status` when told.
   */
  async function conforms(operationId: string, path: string, opts: Opts = {}) {
    const op = operationById(operationId);
    assert.ok(op, operationId);
    const res = await api.request(op.method.toUpperCase(), path, opts);
    const expected = opts.status ?? op.success.status;
    assert.equal(res.status, expected, `${operationId}: ${JSON.stringify(res.body)}`);
    const success = [op.success, ...(op.alsoSuccess ?? [])].find((s) => s.status === expected);
    assert.ok(success, `${operationId} documents ${expected}`);
    if (success.schema) {
      const parsed = success.schema.safeParse(res.body);
      assert.ok(parsed.success, `${operationId}: ${parsed.error?.message ?? ''}`);
    }
    for (const header of Object.keys(success.headers ?? {}).filter((h) => h !== 'Set-Cookie'))
      assert.ok(res.headers.get(header), `${operationId} ${expected} sends ${header}`);
    return res.body;
  }

  /** Calls the API and holds a refusal to the status and error codes the operation documents. */
  async function refusedAs(operationId: string, path: string, status: number, opts: Opts = {}) {
    const op = operationById(operationId);
    assert.ok(op, operationId);
    const res = await api.request(op.method.toUpperCase(), path, opts);
    assert.equal(res.status, status, `${operationId}: ${JSON.stringify(res.body)}`);
    const doc = op.errors?.[status];
    assert.ok(doc, `${operationId} documents ${status}`);
    const parsed = errorBodyFor(doc).safeParse(res.body);
    assert.ok(parsed.success, `${operationId} ${status}: ${parsed.error?.message ?? ''}`);
    if (typeof doc !== 'string' && doc.retryAfter) assert.ok(res.headers.get('retry-after'));
    return res.body;
  }

  /** Asks for an agency and opens its confirmation link, through the token or cookie routes. */
  async function startAgency(via: 'auth' | 'session') {
    const email = `${randomUUID().slice(0, 8)}@schema.test`;
    const [ask, confirm] =
      via === 'auth'
        ? (['signUp', 'confirmSignUp'] as const)
        : (['signUpWithCookie', 'confirmSignUpWithCookie'] as const);
    const body = {
      agencyName: 'Schema Homes',
      name: 'Owner',
      email,
      password: 'correct horse battery',
    };
    await conforms(ask, via === 'auth' ? '/v1/auth/signup' : '/v1/session/signup', { body });
    const token = await confirmationTokenFor(api, email);
    const started = await conforms(
      confirm,
      via === 'auth' ? '/v1/auth/signup/confirm' : '/v1/session/signup/confirm',
      { body: { token } },
    );
    return { email, started };
  }

  test('accounts, keys, billing, listings and probes', async () => {
    const { email, started: owner } = await startAgency('auth');
    const token = owner.accessToken as string;
    await conforms('logIn', '/v1/auth/login', {
      body: { email, password: 'correct horse battery' },
    });
    await refusedAs('logIn', '/v1/auth/login', 401, {
      body: { email, password: 'not the password' },
    });
    await refusedAs('confirmSignUp', '/v1/auth/signup/confirm', 404, {
      body: { token: 'never-sent-token' },
    });
    await conforms('getMe', '/v1/me', { token });
    await conforms('inviteUser', '/v1/users/invitations', {
      token,
      body: { name: 'Ana', role: 'agent', whatsappPhone: '+34 600 123 456' },
    });
    await conforms('listUsers', '/v1/users', { token });
    const key = await conforms('createApiKey', '/v1/api-keys', {
      token,
      body: { name: 'CRM', expiresInDays: 30 },
    });
    assert.equal(key.role, 'agent', 'least privilege unless asked');
    assert.ok(key.expiresAt);
    await refusedAs('createApiKey', '/v1/api-keys', 402, {
      token,
      body: { name: 'Second', role: 'admin' },
    });
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
    await conforms('listListingPublications', `/v1/listings/${listingId}/publications`, {
      token,
    });
    // This listing has no workflow: every command is refused as the document says.
    for (const [operationId, action, body] of [
      ['approveListing', 'approve', {}],
      ['rejectListing', 'reject', { reason: 'Photos are blurry' }],
      ['reopenListing', 'reopen', undefined],
      ['archiveListing', 'archive', { reason: 'sold' }],
      ['republishListing', 'republish', undefined],
      ['retryPublishListing', 'retry-publish', undefined],
    ] as const) {
      const refused = await refusedAs(operationId, `/v1/listings/${listingId}/${action}`, 409, {
        token,
        body,
      });
      assert.equal(refused.error.code, 'workflow_closed');
    }
    await refusedAs('editListing', `/v1/listings/${listingId}`, 409, {
      token,
      body: { title: 'Brighter flat' },
    });

    await conforms('getMetrics', '/metrics');
    await refusedAs('encodePayloads', '/codec/encode', 403, { body: { payloads: [] } });

    await conforms('getHealth', '/healthz');
    await conforms('getReadiness', '/readyz');
    await conforms('getOpenApiDocument', '/openapi.json');
  });

  test('the dashboard: cookie sessions, onboarding, settings, WhatsApp number, sites', async () => {
    const { email, started } = await startAgency('session');
    assert.equal(started.accessToken, undefined, 'no token reaches the page');
    await conforms('getCookieSession', '/v1/session');
    await conforms('signInWithCookie', '/v1/session', {
      body: { email, password: 'correct horse battery' },
    });
    await refusedAs('signInWithCookie', '/v1/session', 403, {
      headers: { origin: 'https://evil.example' },
      body: { email, password: 'correct horse battery' },
    });
    await conforms('signOutCookieSession', '/v1/session');

    const { started: owner } = await startAgency('auth');
    const token = owner.accessToken as string;
    await conforms('getOnboarding', '/v1/onboarding', { token });
    await conforms('getAgencySettings', '/v1/agency/settings', { token });
    await conforms('updateAgencySettings', '/v1/agency/settings', {
      token,
      body: { secondLanguage: 'es', reviewReminderHours: 6, defaultCurrency: 'EUR' },
    });
    await conforms('getWhatsAppChannel', '/v1/whatsapp-channel', { token });
    const phoneNumberId = `schema${randomUUID().slice(0, 8)}`;
    await conforms('saveWhatsAppChannel', '/v1/whatsapp-channel', {
      token,
      status: 201,
      body: { phoneNumberId, accessToken: `EAA${'x'.repeat(40)}` },
    });
    await conforms('saveWhatsAppChannel', '/v1/whatsapp-channel', {
      token,
      body: { phoneNumberId, displayPhoneNumber: '+351 912 345 678' },
    });
    await conforms('getWhatsAppChannel', '/v1/whatsapp-channel', { token });

    const [site] = await db
      .owner('wordpress_sites')
      .insert({
        agency_id: owner.agency.id,
        name: 'Old name',
        base_url: 'https://schema-homes.example',
        username: 'editor',
        app_password_encrypted: api.deps.secrets.seal('abcd efgh ijkl mnop'),
        mapping_profile: 'posts',
      })
      .returning('id');
    await conforms('updateWordPressSite', `/v1/wordpress-sites/${site.id}`, {
      token,
      body: { name: 'Schema Homes blog' },
    });
    await conforms('listWordPressSites', '/v1/wordpress-sites', { token });
  });

  test('sign-in over its limit is the documented 429 with Retry-After', async () => {
    // The real limits (the shared test API runs them scaled up), from an address of its own.
    const strict = await startTestApi(db, { AUTH_RATE_LIMIT_SCALE: '1' });
    try {
      const attempt = {
        body: { email: `${randomUUID().slice(0, 8)}@schema.test`, password: 'guess guess guess' },
        localAddress: '127.0.0.9',
      };
      let res = await strict.request('POST', '/v1/auth/login', attempt);
      for (let i = 0; i < 20 && res.status === 401; i++)
        res = await strict.request('POST', '/v1/auth/login', attempt);
      assert.equal(res.status, 429, JSON.stringify(res.body));
      const doc = operationById('logIn')?.errors?.[429];
      assert.ok(doc);
      const parsed = errorBodyFor(doc).safeParse(res.body);
      assert.ok(parsed.success, parsed.error?.message);
      assert.ok(Number(res.headers.get('retry-after')) > 0);
    } finally {
      await strict.close();
    }
  });

  test('a schema that does not match the answer fails', () => {
    const op = operationById('getBilling');
    assert.ok(op?.success.schema);
    assert.equal(op.success.schema.safeParse({ plan: 'starter' }).success, false);
  });
});
