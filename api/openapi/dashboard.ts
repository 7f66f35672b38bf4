/**
 * The routes the dashboard added to /v1 (api/routes/dashboard/api.ts): its cookie sign-in
 * forms, the onboarding checklist, the agency's settings, the WhatsApp number and the
 * WordPress sites' upkeep. All of them also take a bearer token.
 */
import { z } from 'zod';
import {
  SignupBody,
  LoginBody,
  AcceptInvitationBody,
  ConfirmSignupBody,
} from '../routes/auth/schemas';
import { SettingsBody } from '../routes/dashboard/agencySettings';
import { WhatsAppChannelBody, TestMessageBody } from '../routes/whatsappChannel/schemas';
import { SitePatchBody } from '../routes/wordpressSites/patchWordPressSite';
import { LANGUAGES } from '../../lib/domain/listing';
import * as R from './responses';
import { RATE_LIMITED, type ErrorDocs } from './errors';
import type { Operation } from './operations';

const Timestamp = z.iso.datetime({ offset: true });

const CROSS_ORIGIN: ErrorDocs = {
  403: { description: 'Not from the dashboard’s own origin', codes: ['csrf_origin_mismatch'] },
};
const SETS_COOKIES = {
  'Set-Cookie': 'ra_session (httpOnly) and ra_csrf; __Host- prefixed over https',
};

const AgencySettings = z
  .object({
    language: z.enum(LANGUAGES),
    secondLanguage: z.enum(LANGUAGES).nullable(),
    reviewReminderHours: z.number().int(),
    reviewExpiryDays: z.number().int(),
    defaultCurrency: z.string().nullable(),
    defaultCountry: z.string().nullable(),
  })
  .meta({ id: 'AgencySettings' });

const WhatsAppChannel = z.object({
  id: z.uuid(),
  phoneNumberId: z.string(),
  displayPhoneNumber: z.string().nullable(),
  connectedAt: Timestamp,
  updatedAt: Timestamp,
});
const WebhookSetup = {
  webhookUrl: z.url().meta({ description: 'Where Meta must send events' }),
  verifyToken: z.string().nullable().meta({ description: 'What Meta echoes when subscribing' }),
};
const WhatsAppChannelSaved = z.object({ channel: WhatsAppChannel, ...WebhookSetup });

export const DASHBOARD_OPERATIONS: Operation[] = [
  // Cookie sessions: the token routes' own handlers, with the refresh token in a cookie.
  {
    method: 'get',
    path: '/v1/session',
    operationId: 'getCookieSession',
    tag: 'session',
    summary: 'Whether this request carries a live dashboard session (never a 401)',
    public: true,
    success: { status: 200, description: 'Signed in or not', schema: R.CookieSession },
  },
  {
    method: 'post',
    path: '/v1/session',
    operationId: 'signInWithCookie',
    tag: 'session',
    summary: 'Sign the dashboard in (as POST /v1/auth/login; the tokens go into cookies)',
    public: true,
    body: LoginBody,
    success: {
      status: 200,
      description: 'Signed in',
      schema: R.CookieSignedIn,
      headers: SETS_COOKIES,
    },
    errors: {
      401: { description: 'Wrong credentials', codes: ['invalid_credentials', 'inactive_user'] },
      ...CROSS_ORIGIN,
      422: 'Invalid fields',
      ...RATE_LIMITED,
    },
  },
  {
    method: 'post',
    path: '/v1/session/signup',
    operationId: 'signUpWithCookie',
    tag: 'session',
    summary: 'Ask for an agency from the dashboard (as POST /v1/auth/signup)',
    public: true,
    body: SignupBody,
    success: { status: 202, description: 'Check your inbox', schema: R.SignupRequested },
    errors: { ...CROSS_ORIGIN, 422: 'Invalid fields', ...RATE_LIMITED },
  },
  {
    method: 'post',
    path: '/v1/session/signup/confirm',
    operationId: 'confirmSignUpWithCookie',
    tag: 'session',
    summary: "The e-mail's link, opened in the dashboard: starts the agency, signed in",
    public: true,
    body: ConfirmSignupBody,
    success: {
      status: 201,
      description: 'Agency started, signed in',
      schema: R.CookieSignedUp,
      headers: SETS_COOKIES,
    },
    errors: {
      ...CROSS_ORIGIN,
      404: { description: 'Unknown or used link', codes: ['confirmation_not_found'] },
      410: { description: 'Expired link', codes: ['confirmation_expired'] },
      422: 'Invalid fields',
      ...RATE_LIMITED,
    },
  },
  {
    method: 'post',
    path: '/v1/session/invitation',
    operationId: 'acceptInvitationWithCookie',
    tag: 'session',
    summary: 'Accept an invitation in the dashboard, signed in',
    public: true,
    body: AcceptInvitationBody,
    success: {
      status: 200,
      description: 'Signed in',
      schema: R.CookieSignedIn,
      headers: SETS_COOKIES,
    },
    errors: {
      ...CROSS_ORIGIN,
      404: { description: 'Unknown or used invitation', codes: ['invitation_not_found'] },
      410: { description: 'Expired', codes: ['invitation_expired'] },
      422: 'Invalid fields',
      ...RATE_LIMITED,
    },
  },
  {
    method: 'delete',
    path: '/v1/session',
    operationId: 'signOutCookieSession',
    tag: 'session',
    summary: "Sign the dashboard out: the login's tokens are revoked, the cookies cleared",
    public: true,
    success: { status: 204, description: 'Signed out', headers: SETS_COOKIES },
    errors: {
      403: {
        description: 'Cross-origin, or without the X-CSRF-Token of the session',
        codes: ['csrf_origin_mismatch', 'csrf_token_invalid'],
      },
    },
  },
  // Self-service pages.
  {
    method: 'get',
    path: '/v1/onboarding',
    operationId: 'getOnboarding',
    tag: 'agency',
    summary: "The new agency's checklist, each step read from what is really there",
    success: {
      status: 200,
      description: 'Checklist',
      schema: z.object({
        steps: z.array(
          z.object({
            id: z.enum(['whatsapp', 'agents', 'wordpress', 'first_listing']),
            done: z.boolean(),
          }),
        ),
        complete: z.boolean(),
      }),
    },
    errors: { 403: 'Operators only' },
  },
  {
    method: 'get',
    path: '/v1/agency/settings',
    operationId: 'getAgencySettings',
    tag: 'agency',
    summary: 'Languages, review timers, default currency and country',
    success: { status: 200, description: 'Settings', schema: AgencySettings },
    errors: { 403: 'Operators only' },
  },
  {
    method: 'patch',
    path: '/v1/agency/settings',
    operationId: 'updateAgencySettings',
    tag: 'agency',
    summary: 'Change settings (only the fields sent)',
    body: SettingsBody,
    success: { status: 200, description: 'Settings now', schema: AgencySettings },
    errors: { 403: 'Operators only', 422: 'Invalid fields' },
  },
  {
    method: 'get',
    path: '/v1/listings/{id}/publications',
    operationId: 'listListingPublications',
    tag: 'publishing',
    summary: 'Where the listing went: per WordPress site, the state, the link and why it failed',
    success: {
      status: 200,
      description: 'Publications',
      schema: z.object({
        listingId: z.uuid(),
        status: z.string(),
        lastError: z.unknown(),
        data: z.array(
          z.object({
            site: z.object({ id: z.uuid(), name: z.string().nullable(), baseUrl: z.string() }),
            siteId: z.uuid(),
            state: z.enum([
              'not_published',
              'pending',
              'uploading',
              'draft',
              'published',
              'archived',
              'failed',
            ]),
            url: z.string().nullable(),
            error: z.string().nullable().meta({ description: 'Why it failed, in words' }),
          }),
        ),
      }),
    },
    errors: { 404: 'Not found' },
  },
  // The agency's WhatsApp number.
  {
    method: 'get',
    path: '/v1/whatsapp-channel',
    operationId: 'getWhatsAppChannel',
    tag: 'whatsapp',
    summary: "The connected number (never its token), Meta's webhook setup, the last delivery",
    success: {
      status: 200,
      description: 'Channel',
      schema: z.object({
        channel: WhatsAppChannel.nullable(),
        ...WebhookSetup,
        lastDelivery: z
          .object({
            kind: z.string(),
            to: z.string(),
            status: z.string(),
            error: z.string().nullable(),
            at: Timestamp,
          })
          .nullable(),
      }),
    },
    errors: { 403: 'Operators only' },
  },
  {
    method: 'put',
    path: '/v1/whatsapp-channel',
    operationId: 'saveWhatsAppChannel',
    tag: 'whatsapp',
    summary: 'Connect the number, or replace its number or access token (sealed, never shown)',
    body: WhatsAppChannelBody,
    success: { status: 200, description: 'Updated', schema: WhatsAppChannelSaved },
    alsoSuccess: [{ status: 201, description: 'Connected', schema: WhatsAppChannelSaved }],
    errors: {
      403: 'Operators only',
      409: { description: 'Connected to another agency', codes: ['whatsapp_number_taken'] },
      422: 'Invalid fields (the first connection needs the access token)',
    },
  },
  {
    method: 'post',
    path: '/v1/whatsapp-channel/test-message',
    operationId: 'sendWhatsAppTestMessage',
    tag: 'whatsapp',
    summary: "Send Meta's hello_world template from the number; Meta's refusal is the answer",
    body: TestMessageBody,
    success: {
      status: 200,
      description: 'Sent, or refused by Meta (in words)',
      schema: z.union([
        z.object({ status: z.literal('sent'), messageId: z.string(), error: z.null() }),
        z.object({ status: z.literal('failed'), messageId: z.null(), error: z.string() }),
      ]),
    },
    errors: { 403: 'Operators only', 404: 'No number connected', 422: 'Invalid fields' },
  },
  // WordPress sites' upkeep.
  {
    method: 'patch',
    path: '/v1/wordpress-sites/{id}',
    operationId: 'updateWordPressSite',
    tag: 'publishing',
    summary: 'Rename, or new credentials (checked live first); the publications stay',
    body: SitePatchBody,
    success: { status: 200, description: 'The site', schema: R.WordPressSite },
    errors: {
      403: 'Operators only',
      404: 'Not found',
      422: 'Invalid fields, or the live check refused (precise code)',
    },
  },
  {
    method: 'post',
    path: '/v1/wordpress-sites/{id}/check',
    operationId: 'checkWordPressSite',
    tag: 'publishing',
    summary: 'Test the connection again with the stored credentials',
    success: { status: 200, description: 'Connected', schema: R.WordPressSiteChecked },
    errors: { 403: 'Operators only', 404: 'Not found', 422: 'What is wrong (precise code)' },
  },
];
