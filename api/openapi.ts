import { z } from 'zod';
import {
  SignupBody,
  ConfirmSignupBody,
  LoginBody,
  RefreshBody,
  AcceptInvitationBody,
} from './routes/auth/schemas';
import { InvitationBody, UserPatchBody } from './routes/users/schemas';
import { ApiKeyBody } from './routes/apiKeys/schemas';
import { ApproveBody, ListingPatch, ListingQuery, RejectBody } from './routes/listings/schemas';
import { WordPressSiteBody } from './routes/wordpressSites/schemas';
import { CheckoutBody } from './routes/billing/schemas';

interface Operation {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  /** A multipart/form-data body described by hand (zod does not model files). */
  multipart?: Record<string, unknown>;
  query?: z.ZodObject;
  auth?: boolean;
  responses: Record<number, string>;
}

/**
 * The API's operations, with request schemas taken from the very zod objects the handlers
 * validate with, so the document cannot drift from what the server accepts.
 */
const OPERATIONS: Operation[] = [
  {
    method: 'post',
    path: '/v1/auth/signup',
    tag: 'auth',
    summary: 'Ask for an agency with its owner (the same answer for a known e-mail)',
    body: SignupBody,
    auth: false,
    responses: { 202: 'Check your inbox', 422: 'Invalid fields', 429: 'Rate limited' },
  },
  {
    method: 'post',
    path: '/v1/auth/signup/confirm',
    tag: 'auth',
    summary: 'Confirm a sign-up from its e-mail: the agency starts, signed in',
    body: ConfirmSignupBody,
    auth: false,
    responses: {
      201: 'Signed in',
      404: 'Unknown or used link',
      410: 'Expired link',
      429: 'Rate limited',
    },
  },
  {
    method: 'post',
    path: '/v1/auth/login',
    tag: 'auth',
    summary: 'Sign in with e-mail and password',
    body: LoginBody,
    auth: false,
    responses: { 200: 'Tokens', 401: 'Wrong credentials', 429: 'Rate limited' },
  },
  {
    method: 'post',
    path: '/v1/auth/refresh',
    tag: 'auth',
    summary: 'Rotate a refresh token',
    body: RefreshBody,
    auth: false,
    responses: { 200: 'New tokens', 401: 'Invalid, expired or reused token', 429: 'Rate limited' },
  },
  {
    method: 'post',
    path: '/v1/auth/logout',
    tag: 'auth',
    summary: 'Revoke a login',
    body: RefreshBody,
    auth: false,
    responses: { 204: 'Signed out' },
  },
  {
    method: 'post',
    path: '/v1/auth/invitations/accept',
    tag: 'auth',
    summary: 'Accept an invitation',
    body: AcceptInvitationBody,
    auth: false,
    responses: { 200: 'Signed in', 404: 'Unknown invitation', 410: 'Expired' },
  },
  {
    method: 'get',
    path: '/v1/me',
    tag: 'users',
    summary: 'The caller and its agency',
    responses: { 200: 'Me' },
  },
  {
    method: 'get',
    path: '/v1/users',
    tag: 'users',
    summary: "The agency's people",
    responses: { 200: 'Users', 403: 'Operators only' },
  },
  {
    method: 'post',
    path: '/v1/users/invitations',
    tag: 'users',
    summary: 'Invite a person',
    body: InvitationBody,
    responses: { 201: 'Invited', 402: 'Plan limit', 409: 'Exists' },
  },
  {
    method: 'patch',
    path: '/v1/users/{id}',
    tag: 'users',
    summary: 'Change role, status or details',
    body: UserPatchBody,
    responses: { 200: 'Updated', 404: 'Not found', 409: 'Last owner' },
  },
  {
    method: 'get',
    path: '/v1/api-keys',
    tag: 'api keys',
    summary: 'List API keys',
    responses: { 200: 'Keys' },
  },
  {
    method: 'post',
    path: '/v1/api-keys',
    tag: 'api keys',
    summary: 'Create an API key (shown once)',
    body: ApiKeyBody,
    responses: { 201: 'Created', 402: 'Plan limit' },
  },
  {
    method: 'delete',
    path: '/v1/api-keys/{id}',
    tag: 'api keys',
    summary: 'Revoke an API key',
    responses: { 204: 'Revoked', 404: 'Not found' },
  },
  {
    method: 'get',
    path: '/v1/listings',
    tag: 'listings',
    summary: 'Listings, newest first, with counts by status',
    query: ListingQuery,
    responses: { 200: 'Page of listings' },
  },
  {
    method: 'get',
    path: '/v1/listings/{id}',
    tag: 'listings',
    summary: 'A listing with evidence, photos, messages, drafts, checks and timeline',
    responses: { 200: 'Listing', 404: 'Not found' },
  },
  {
    method: 'patch',
    path: '/v1/listings/{id}',
    tag: 'listings',
    summary: 'Edit fields, drafts and photos while in review',
    body: ListingPatch,
    responses: {
      200: 'Listing',
      409: 'Not in review',
      422: 'Invalid fields',
      503: 'Temporal unavailable',
    },
  },
  {
    method: 'post',
    path: '/v1/listings/{id}/approve',
    tag: 'review',
    summary: 'Approve (optionally overriding flagged checks)',
    body: ApproveBody,
    responses: {
      200: 'New status',
      409: 'Not in review or blocked by a check',
      503: 'Temporal unavailable',
    },
  },
  {
    method: 'post',
    path: '/v1/listings/{id}/reject',
    tag: 'review',
    summary: 'Reject with a reason for the agent',
    body: RejectBody,
    responses: { 200: 'New status', 409: 'Not in review', 503: 'Temporal unavailable' },
  },
  {
    method: 'post',
    path: '/v1/listings/{id}/reopen',
    tag: 'review',
    summary: 'Reopen an expired listing',
    responses: { 200: 'New status', 409: 'Not expired' },
  },
  {
    method: 'post',
    path: '/v1/listings',
    tag: 'listings',
    summary: 'Submit a property from the app: texts and photos, as on WhatsApp',
    multipart: {
      type: 'object',
      properties: {
        text: { type: 'array', items: { type: 'string' } },
        photo: { type: 'array', items: { type: 'string', format: 'binary' }, maxItems: 30 },
      },
    },
    responses: {
      201: 'Listing started',
      402: 'Plan limit',
      413: 'Photo too large',
      415: 'Unsupported photo type',
      422: 'Empty submission',
      503: 'Temporal unavailable',
    },
  },
  {
    method: 'post',
    path: '/v1/listings/{id}/archive',
    tag: 'publishing',
    summary: 'Sold or withdrawn: take it off the sites',
    body: z.object({ reason: z.enum(['sold', 'withdrawn']) }),
    responses: { 202: 'Accepted', 409: 'Not published' },
  },
  {
    method: 'post',
    path: '/v1/listings/{id}/republish',
    tag: 'publishing',
    summary: 'Publish again (archived, or a full re-sync)',
    responses: { 202: 'Accepted', 409: 'Wrong status' },
  },
  {
    method: 'post',
    path: '/v1/listings/{id}/retry-publish',
    tag: 'publishing',
    summary: 'Retry a failed publication once the cause is fixed',
    responses: { 202: 'Accepted', 409: 'Not failed' },
  },
  {
    method: 'get',
    path: '/v1/wordpress-sites',
    tag: 'publishing',
    summary: "The agency's WordPress sites (never the password)",
    responses: { 200: 'Sites' },
  },
  {
    method: 'post',
    path: '/v1/wordpress-sites',
    tag: 'publishing',
    summary: 'Connect a WordPress site (validated before it is stored)',
    body: WordPressSiteBody,
    responses: { 201: 'Connected', 402: 'Plan limit', 422: 'Cannot connect (precise code)' },
  },
  {
    method: 'delete',
    path: '/v1/wordpress-sites/{id}',
    tag: 'publishing',
    summary: 'Disconnect a WordPress site',
    responses: { 204: 'Removed', 404: 'Not found' },
  },
  {
    method: 'get',
    path: '/v1/billing',
    tag: 'billing',
    summary: 'Plan, status, period, limits and usage',
    responses: { 200: 'Billing' },
  },
  {
    method: 'post',
    path: '/v1/billing/checkout',
    tag: 'billing',
    summary: 'Start Stripe Checkout for a plan (owner)',
    body: CheckoutBody,
    responses: { 200: 'Checkout URL', 409: 'Already subscribed', 503: 'Billing not configured' },
  },
  {
    method: 'post',
    path: '/v1/billing/portal',
    tag: 'billing',
    summary: 'Open the Stripe Customer Portal (owner)',
    responses: { 200: 'Portal URL', 409: 'No billing account' },
  },
];

const ErrorBody = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        fields: { type: 'object', additionalProperties: { type: 'string' } },
        requestId: { type: 'string' },
      },
    },
  },
};

export function openApiDocument(serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string', format: 'uuid' },
    }));
    const queryParams = op.query
      ? Object.entries(
          (z.toJSONSchema(op.query, { io: 'input' }) as { properties?: Record<string, unknown> })
            .properties ?? {},
        ).map(([name, schema]) => ({ name, in: 'query', required: false, schema }))
      : [];
    paths[op.path] ??= {};
    paths[op.path]![op.method] = {
      summary: op.summary,
      tags: [op.tag],
      ...(op.auth === false ? { security: [] } : {}),
      parameters: [...params, ...queryParams],
      ...(op.body
        ? {
            requestBody: {
              required: true,
              content: {
                'application/json': {
                  schema: z.toJSONSchema(op.body, { io: 'input', unrepresentable: 'any' }),
                },
              },
            },
          }
        : {}),
      ...(op.multipart
        ? {
            requestBody: {
              required: true,
              content: { 'multipart/form-data': { schema: op.multipart } },
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries(op.responses).map(([status, description]) => [
          status,
          Number(status) >= 400
            ? {
                description,
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
              }
            : { description },
        ]),
      ),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Realty Assistant API', version: '1' },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'Access token (JWT) or API key (ra_...)',
        },
      },
      schemas: { Error: ErrorBody },
    },
    paths,
  };
}
