import { z } from 'zod';
import {
  SignupBody,
  LoginBody,
  RefreshBody,
  AcceptInvitationBody,
  ConfirmSignupBody,
} from '../routes/auth/schemas';
import { InvitationBody, UserPatchBody } from '../routes/users/schemas';
import { ApiKeyBody } from '../routes/apiKeys/schemas';
import { ApproveBody, ListingPatch, ListingQuery, RejectBody } from '../routes/listings/schemas';
import { ArchiveBody } from '../routes/listings/postLifecycle';
import { WordPressSiteBody } from '../routes/wordpressSites/schemas';
import { CheckoutBody } from '../routes/billing/schemas';
import * as R from './responses';
import { SOCIAL_OPERATIONS } from './social';
import { DASHBOARD_OPERATIONS } from './dashboard';
import { OPS_OPERATIONS } from './ops';
import {
  commandRefused,
  CONCURRENCY_LIMITED,
  RATE_LIMITED,
  TEMPORAL_UNAVAILABLE,
  type ErrorDocs,
} from './errors';

/**
 * Every route the server registers, documented: request schemas are the very zod objects the
 * handlers validate with, success responses the schemas in ./responses. test/openapi fails
 * when the app registers a route that is not here (or this lists one it does not register).
 */
export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI form: `{id}` for Koa's `:id`, `{key}` for `{*key}`. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  /** Unauthenticated (the default is a bearer token, an API key or the dashboard's cookie). */
  public?: true;
  /** An operations endpoint with its own bearer token instead. */
  securedBy?: 'metricsToken' | 'codecToken';
  body?: z.ZodType;
  bodyType?: string;
  query?: z.ZodObject;
  headers?: z.ZodObject;
  /** The usual success answer (the one test/openapi expects unless told otherwise). */
  success: SuccessDoc;
  /** Other success answers, e.g. 202 while a listing command is still being applied. */
  alsoSuccess?: SuccessDoc[];
  errors?: ErrorDocs;
}

export interface SuccessDoc {
  status: number;
  description: string;
  schema?: z.ZodType;
  contentType?: string;
  /** Response headers it carries: name -> what it says. */
  headers?: Record<string, string>;
}

const AppSubmission = z.object({
  text: z.array(z.string()).optional().meta({ description: 'One field per message' }),
  photo: z
    .array(z.string().meta({ format: 'binary' }))
    .max(30)
    .optional()
    .meta({ description: 'JPEG, PNG, WebP or HEIC; 5 MB each' }),
});
/** Meta's and Stripe's payloads, verified over the raw bytes; documented by their senders. */
const ProviderPayload = z.record(z.string(), z.unknown());

/** A listing command admitted by the listing's workflow but not finished after the short wait. */
export const STILL_APPLYING: SuccessDoc = {
  status: 202,
  description: 'Admitted, still being applied: follow the listing',
  schema: R.CommandPending,
  headers: { Location: 'The listing, /v1/listings/{id}' },
};

/** A listing command sent to its workflow as an Update: 200 applied, 202 still applying. */
function command(
  op: Pick<Operation, 'path' | 'operationId' | 'tag' | 'summary' | 'body' | 'errors'>,
): Operation {
  const invalidBody: ErrorDocs = op.body ? { 422: 'Invalid fields' } : {};
  return {
    method: 'post',
    ...op,
    success: { status: 200, description: 'Applied: the status it led to', schema: R.Decided },
    alsoSuccess: [STILL_APPLYING],
    errors: { 403: 'Operators only', ...invalidBody, ...op.errors },
  };
}

export const OPERATIONS: Operation[] = [
  // Probes and this document.
  {
    method: 'get',
    path: '/healthz',
    operationId: 'getHealth',
    tag: 'operations',
    summary: 'Liveness: the process answers',
    public: true,
    success: { status: 200, description: 'Alive', schema: R.Healthy },
  },
  {
    method: 'get',
    path: '/readyz',
    operationId: 'getReadiness',
    tag: 'operations',
    summary: 'Readiness: Postgres and Temporal reachable',
    public: true,
    success: { status: 200, description: 'Ready', schema: R.Readiness },
    errors: { 503: 'Not ready (same body, status not_ready)' },
  },
  {
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApiDocument',
    tag: 'operations',
    summary: 'This document',
    public: true,
    success: { status: 200, description: 'OpenAPI 3.1', schema: z.record(z.string(), z.unknown()) },
  },
  {
    method: 'get',
    path: '/files/{key}',
    operationId: 'getFile',
    tag: 'files',
    summary: 'A photo of the local storage driver, by signed URL',
    public: true,
    query: z.object({ expires: z.string(), sig: z.string() }),
    success: {
      status: 200,
      description: 'The file',
      contentType: 'application/octet-stream',
      schema: z.string().meta({ format: 'binary' }),
    },
    errors: { 403: 'Bad or expired signature', 404: 'No such file' },
  },
  // Webhooks: called by Meta and Stripe, signed by them.
  {
    method: 'get',
    path: '/webhooks/whatsapp',
    operationId: 'verifyWhatsAppWebhook',
    tag: 'webhooks',
    summary: "Meta's subscription handshake: echoes hub.challenge for the right verify token",
    public: true,
    query: z.object({
      'hub.mode': z.literal('subscribe'),
      'hub.verify_token': z.string(),
      'hub.challenge': z.string(),
    }),
    success: {
      status: 200,
      description: 'The challenge',
      contentType: 'text/plain',
      schema: z.string(),
    },
    errors: { 403: 'Wrong verify token' },
  },
  {
    method: 'post',
    path: '/webhooks/whatsapp',
    operationId: 'receiveWhatsAppWebhook',
    tag: 'webhooks',
    summary: 'WhatsApp Cloud API messages and statuses; 200 once stored',
    public: true,
    headers: z.object({ 'x-hub-signature-256': z.string().meta({ description: 'sha256=<hex>' }) }),
    body: ProviderPayload,
    success: { status: 200, description: 'Stored', schema: R.WhatsAppReceived },
    errors: {
      400: 'Malformed JSON',
      401: 'Bad signature',
      422: 'Not a WhatsApp Business Account webhook',
    },
  },
  {
    method: 'post',
    path: '/webhooks/stripe',
    operationId: 'receiveStripeWebhook',
    tag: 'webhooks',
    summary: 'Stripe checkout, subscription and invoice events; 2xx once converged',
    public: true,
    headers: z.object({ 'stripe-signature': z.string() }),
    body: ProviderPayload,
    success: { status: 200, description: 'Handled', schema: R.StripeReceived },
    errors: { 400: 'Bad signature or JSON', 503: 'Stripe not configured' },
  },
  // Accounts.
  {
    method: 'post',
    path: '/v1/auth/signup',
    operationId: 'signUp',
    tag: 'auth',
    summary:
      'Ask for an agency with its owner: a confirmation link goes to the e-mail (the same answer for a known e-mail)',
    body: SignupBody,
    public: true,
    success: { status: 202, description: 'Check your inbox', schema: R.SignupRequested },
    errors: { 422: 'Invalid fields', ...RATE_LIMITED },
  },
  {
    method: 'post',
    path: '/v1/auth/signup/confirm',
    operationId: 'confirmSignUp',
    tag: 'auth',
    summary: "The e-mail's link: starts the agency, signed in",
    body: ConfirmSignupBody,
    public: true,
    success: { status: 201, description: 'Agency started, signed in', schema: R.SignedUp },
    errors: {
      404: { description: 'Unknown or used link', codes: ['confirmation_not_found'] },
      410: { description: 'Expired link', codes: ['confirmation_expired'] },
      422: 'Invalid fields',
      ...RATE_LIMITED,
    },
  },
  {
    method: 'post',
    path: '/v1/auth/login',
    operationId: 'logIn',
    tag: 'auth',
    summary: 'Sign in with e-mail and password',
    body: LoginBody,
    public: true,
    success: { status: 200, description: 'Tokens', schema: R.SignedIn },
    errors: {
      401: { description: 'Wrong credentials', codes: ['invalid_credentials', 'inactive_user'] },
      422: 'Invalid fields',
      ...RATE_LIMITED,
    },
  },
  {
    method: 'post',
    path: '/v1/auth/refresh',
    operationId: 'refreshSession',
    tag: 'auth',
    summary: 'Rotate a refresh token',
    body: RefreshBody,
    public: true,
    success: { status: 200, description: 'New tokens', schema: R.SessionBody },
    errors: {
      401: {
        description: 'Invalid, expired or reused token (a reused one signs the whole login out)',
        codes: [
          'invalid_refresh_token',
          'refresh_token_unknown',
          'refresh_token_expired',
          'refresh_token_revoked',
          'refresh_token_reused',
          'refresh_token_inactive',
        ],
      },
      ...RATE_LIMITED,
    },
  },
  {
    method: 'post',
    path: '/v1/auth/logout',
    operationId: 'logOut',
    tag: 'auth',
    summary: 'Revoke a login',
    body: RefreshBody,
    public: true,
    success: { status: 204, description: 'Signed out' },
  },
  {
    method: 'post',
    path: '/v1/auth/invitations/accept',
    operationId: 'acceptInvitation',
    tag: 'auth',
    summary: 'Accept an invitation',
    body: AcceptInvitationBody,
    public: true,
    success: { status: 200, description: 'Signed in', schema: R.SignedIn },
    errors: {
      404: { description: 'Unknown or used invitation', codes: ['invitation_not_found'] },
      410: { description: 'Expired', codes: ['invitation_expired'] },
      422: 'Invalid fields',
      ...RATE_LIMITED,
    },
  },
  {
    method: 'get',
    path: '/v1/me',
    operationId: 'getMe',
    tag: 'users',
    summary: 'The caller and its agency',
    success: { status: 200, description: 'Me', schema: R.Me },
  },
  {
    method: 'get',
    path: '/v1/users',
    operationId: 'listUsers',
    tag: 'users',
    summary: "The agency's people",
    success: { status: 200, description: 'Users', schema: R.Users },
    errors: { 403: 'Operators only' },
  },
  {
    method: 'post',
    path: '/v1/users/invitations',
    operationId: 'inviteUser',
    tag: 'users',
    summary:
      "Invite a person (an agent's WhatsApp number in any form, read in the agency's country)",
    body: InvitationBody,
    success: { status: 201, description: 'Invited', schema: R.Invited },
    errors: { 402: 'Plan limit', 409: 'Exists', 422: 'Invalid fields' },
  },
  {
    method: 'patch',
    path: '/v1/users/{id}',
    operationId: 'updateUser',
    tag: 'users',
    summary: 'Change role, status or details',
    body: UserPatchBody,
    success: { status: 200, description: 'Updated', schema: R.User },
    errors: { 404: 'Not found', 409: 'Last owner' },
  },
  {
    method: 'get',
    path: '/v1/api-keys',
    operationId: 'listApiKeys',
    tag: 'api keys',
    summary: 'List API keys',
    success: { status: 200, description: 'Keys', schema: R.ApiKeys },
  },
  {
    method: 'post',
    path: '/v1/api-keys',
    operationId: 'createApiKey',
    tag: 'api keys',
    summary:
      'Create an API key (shown once): `agent` unless `admin` is asked for, never more rights than its creator, optionally expiring',
    body: ApiKeyBody,
    success: { status: 201, description: 'Created', schema: R.ApiKeyCreated },
    errors: {
      402: { description: 'Plan limit', codes: ['plan_limit'] },
      403: 'Made by a signed-in person only, with no more rights than theirs',
      422: 'Invalid fields',
    },
  },
  {
    method: 'delete',
    path: '/v1/api-keys/{id}',
    operationId: 'revokeApiKey',
    tag: 'api keys',
    summary: 'Revoke an API key',
    success: { status: 204, description: 'Revoked' },
    errors: { 404: 'Not found' },
  },
  // Listings and review.
  {
    method: 'get',
    path: '/v1/listings',
    operationId: 'listListings',
    tag: 'listings',
    summary: 'Listings, newest first, with counts by status',
    query: ListingQuery,
    success: { status: 200, description: 'Page of listings', schema: R.ListingPage },
  },
  {
    method: 'post',
    path: '/v1/listings',
    operationId: 'submitListing',
    tag: 'listings',
    summary: 'Submit a property from the app: texts and photos, as on WhatsApp',
    body: AppSubmission,
    bodyType: 'multipart/form-data',
    success: { status: 201, description: 'Listing started', schema: R.ListingSubmitted },
    errors: {
      402: 'Plan limit',
      413: 'Photo too large',
      415: 'Unsupported photo type',
      422: 'Empty submission',
      ...CONCURRENCY_LIMITED,
      ...TEMPORAL_UNAVAILABLE,
    },
  },
  {
    method: 'get',
    path: '/v1/listings/{id}',
    operationId: 'getListing',
    tag: 'listings',
    summary: 'A listing with evidence, photos, messages, drafts, checks and timeline',
    success: { status: 200, description: 'Listing', schema: R.ListingDetail },
    errors: { 404: 'Not found' },
  },
  {
    method: 'patch',
    path: '/v1/listings/{id}',
    operationId: 'editListing',
    tag: 'listings',
    summary:
      "Edit fields, drafts and photos in review or after publication (the listing's workflow applies it)",
    body: ListingPatch,
    success: { status: 200, description: 'Applied: the listing', schema: R.ListingDetail },
    alsoSuccess: [STILL_APPLYING],
    errors: {
      403: 'Agents correct a listing over WhatsApp',
      422: 'Invalid fields (also a draft or photo of another listing)',
      ...commandRefused('not_editable'),
    },
  },
  command({
    path: '/v1/listings/{id}/approve',
    operationId: 'approveListing',
    tag: 'review',
    summary: 'Approve (optionally overriding flagged checks)',
    body: ApproveBody,
    errors: commandRefused('not_awaiting_review', 'already_decided', 'approval_blocked'),
  }),
  command({
    path: '/v1/listings/{id}/reject',
    operationId: 'rejectListing',
    tag: 'review',
    summary: 'Reject with a reason for the agent',
    body: RejectBody,
    errors: commandRefused('not_awaiting_review', 'already_decided', 'reason_required'),
  }),
  command({
    path: '/v1/listings/{id}/reopen',
    operationId: 'reopenListing',
    tag: 'review',
    summary: 'Reopen an expired listing',
    errors: commandRefused('not_expired', 'already_decided'),
  }),
  command({
    path: '/v1/listings/{id}/archive',
    operationId: 'archiveListing',
    tag: 'publishing',
    summary: 'Sold or withdrawn: take it off the sites',
    body: ArchiveBody,
    errors: commandRefused('not_published'),
  }),
  command({
    path: '/v1/listings/{id}/republish',
    operationId: 'republishListing',
    tag: 'publishing',
    summary: 'Publish again (archived, approved, or a full re-sync)',
    errors: commandRefused('not_published'),
  }),
  command({
    path: '/v1/listings/{id}/retry-publish',
    operationId: 'retryPublishListing',
    tag: 'publishing',
    summary: 'Retry a failed publication once the cause is fixed',
    errors: commandRefused('not_failed'),
  }),
  // Publishing targets.
  {
    method: 'get',
    path: '/v1/wordpress-sites',
    operationId: 'listWordPressSites',
    tag: 'publishing',
    summary: "The agency's WordPress sites (never the password)",
    success: { status: 200, description: 'Sites', schema: R.WordPressSites },
  },
  {
    method: 'post',
    path: '/v1/wordpress-sites',
    operationId: 'connectWordPressSite',
    tag: 'publishing',
    summary: 'Connect a WordPress site (validated before it is stored)',
    body: WordPressSiteBody,
    success: { status: 201, description: 'Connected', schema: R.WordPressSiteConnected },
    errors: { 402: 'Plan limit', 422: 'Cannot connect (precise code)', ...CONCURRENCY_LIMITED },
  },
  {
    method: 'delete',
    path: '/v1/wordpress-sites/{id}',
    operationId: 'disconnectWordPressSite',
    tag: 'publishing',
    summary: 'Disconnect a WordPress site',
    success: { status: 204, description: 'Removed' },
    errors: { 404: 'Not found' },
  },
  // Billing.
  {
    method: 'get',
    path: '/v1/billing',
    operationId: 'getBilling',
    tag: 'billing',
    summary: 'Plan, status, period, limits and usage (AI generations included)',
    success: { status: 200, description: 'Billing', schema: R.Billing },
  },
  {
    method: 'post',
    path: '/v1/billing/checkout',
    operationId: 'startCheckout',
    tag: 'billing',
    summary: 'Start Stripe Checkout for a plan (owner)',
    body: CheckoutBody,
    success: { status: 200, description: 'Checkout URL', schema: R.CheckoutStarted },
    errors: { 409: 'Already subscribed', 503: 'Billing not configured' },
  },
  {
    method: 'post',
    path: '/v1/billing/portal',
    operationId: 'openBillingPortal',
    tag: 'billing',
    summary: 'Open the Stripe Customer Portal (owner)',
    success: { status: 200, description: 'Portal URL', schema: R.PortalOpened },
    errors: { 409: 'No billing account' },
  },
  ...SOCIAL_OPERATIONS,
  ...DASHBOARD_OPERATIONS,
  ...OPS_OPERATIONS,
];
