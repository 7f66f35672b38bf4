import { z } from 'zod';
import { LIMIT_NAMES, FEATURE_NAMES, PLAN_IDS } from '../../lib/billing/plans';

/**
 * What the API answers, as zod schemas: the OpenAPI document's success responses are rendered
 * from these, and test/openapi validates real answers against the same objects. They describe
 * the wire (timestamps are ISO strings) and, like every zod object, accept fields they do not
 * name, so a new field never breaks a client; a renamed or retyped one fails the test.
 */

const Timestamp = z.iso.datetime({ offset: true });
const Id = z.uuid();
const Role = z.enum(['owner', 'admin', 'agent']);

export const User = z
  .object({
    id: Id,
    email: z.string().nullable(),
    name: z.string(),
    role: Role,
    whatsappPhone: z
      .string()
      .nullable()
      .meta({ description: 'E.164 digits without the plus, as WhatsApp sends `from`' }),
    status: z.enum(['active', 'invited', 'disabled']),
    lastLoginAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'User' });

const Session = {
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int().meta({ description: 'Seconds' }),
  refreshToken: z.string(),
};
export const SessionBody = z.object(Session).meta({ id: 'Session' });
export const SignedIn = z.object({ user: User, ...Session }).meta({ id: 'SignedIn' });
export const SignupRequested = z.object({
  status: z.literal('confirmation_sent'),
  message: z.string().meta({
    description: 'The same answer whether or not the e-mail already has an account',
  }),
});
const NewAgency = z.object({ id: Id, name: z.string(), slug: z.string() });
export const SignedUp = z.object({ agency: NewAgency, user: User, ...Session });

/** The dashboard's forms of the sign-in answers: the tokens stay in the cookies. */
const CsrfToken = z
  .string()
  .meta({ description: 'Echo it in X-CSRF-Token (also the ra_csrf cookie)' });
export const CookieSignedIn = z.object({ user: User, csrfToken: CsrfToken });
export const CookieSignedUp = z.object({ agency: NewAgency, user: User, csrfToken: CsrfToken });
export const CookieSession = z.object({ signedIn: z.boolean() });

export const Me = z.object({
  agency: z.object({ id: Id, name: z.string(), slug: z.string(), defaultLanguage: z.string() }),
  user: User.nullable(),
  role: Role,
  actor: z.unknown(),
});
export const Users = z.object({ data: z.array(User) });
export const Invited = z.object({
  user: User,
  invitationToken: z.string().optional(),
  invitationUrl: z.url().optional(),
});

export const ApiKey = z
  .object({
    id: Id,
    name: z.string(),
    prefix: z.string(),
    role: Role,
    createdAt: Timestamp,
    lastUsedAt: Timestamp.nullable(),
    expiresAt: Timestamp.nullable().meta({ description: 'null: never expires' }),
    revokedAt: Timestamp.nullable(),
  })
  .meta({ id: 'ApiKey' });
export const ApiKeys = z.object({ data: z.array(ApiKey) });
export const ApiKeyCreated = ApiKey.extend({
  key: z.string().meta({ description: 'ra_<prefix>_<secret>: shown once' }),
});

const ListingSummaryShape = {
  id: Id,
  status: z.string(),
  title: z.string().nullable(),
  agentUserId: Id.nullable(),
  city: z.string().nullable().optional(),
  listPrice: z.union([z.number(), z.string()]).nullable().optional(),
  currency: z.string().nullable().optional(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};
export const ListingSummary = z.object(ListingSummaryShape).meta({ id: 'ListingSummary' });
export const ListingPage = z.object({
  data: z.array(ListingSummary),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  counts: z.record(z.string(), z.number().int()),
});

export const ListingDetail = z
  .object({
    ...ListingSummaryShape,
    language: z.string().nullable(),
    lastError: z.unknown(),
    fields: z.record(
      z.string(),
      z.object({ value: z.unknown(), evidence: z.unknown() }).meta({
        description: 'A RESO field: its value and the words it was read from',
      }),
    ),
    features: z.array(z.string()),
    operatorEdits: z.record(z.string(), z.unknown()),
    photos: z.array(
      z.object({
        id: Id,
        status: z.string(),
        order: z.number().int().nullable(),
        imageOf: z.string().nullable(),
        caption: z.string().nullable(),
        width: z.number().int().nullable(),
        height: z.number().int().nullable(),
        quality: z.record(z.string(), z.unknown()),
        skipReason: z.string().nullable(),
        url: z.string().nullable().meta({ description: 'Signed, expiring' }),
      }),
    ),
    messages: z.array(
      z.object({
        id: Id,
        kind: z.string(),
        from: z.string().nullable(),
        text: z.string().nullable(),
        sentAt: Timestamp.nullable(),
      }),
    ),
    drafts: z.array(
      z.object({
        id: Id,
        kind: z.string(),
        language: z.string(),
        platform: z.string().nullable(),
        content: z.string(),
        checks: z.array(z.unknown()),
        model: z.string().nullable(),
        status: z.string(),
      }),
    ),
    timeline: z.array(
      z.object({
        at: Timestamp,
        action: z.string().meta({
          description:
            'e.g. listing.submitted, listing.plan_skipped (what the plan left out, in data.reason), listing.language_unsupported',
        }),
        actor: z.object({ type: z.string(), id: z.string().nullable() }),
        data: z.record(z.string(), z.unknown()),
      }),
    ),
    workflow: z.object({ id: z.string(), url: z.url() }),
  })
  .meta({ id: 'ListingDetail' });

export const ListingSubmitted = z.object({
  listing: z.object({
    id: Id,
    status: z.string(),
    source: z.literal('app'),
    texts: z.number().int(),
    photos: z.array(
      z.object({ mimeType: z.string(), bytes: z.number().int(), sha256: z.string() }),
    ),
    workflowId: z.string(),
  }),
});
/** A listing command applied: the status it led to. */
export const Decided = z.object({ id: Id, status: z.string() });
/** A listing command admitted by its workflow and still running after the short wait. */
export const CommandPending = z.object({
  id: Id,
  status: z.string().meta({ description: "The listing's status now" }),
  pending: z.literal(true),
  follow: z.string().meta({ description: 'Where to follow it (also the Location header)' }),
});

export const WordPressSite = z
  .object({
    id: Id,
    name: z.string().nullable(),
    baseUrl: z.string(),
    username: z.string(),
    mappingProfile: z.enum(['posts', 'property']),
    status: z.string(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'WordPressSite' });
export const WordPressSites = z.object({ data: z.array(WordPressSite) });
const WordPressUser = z.object({
  id: z.number().int(),
  name: z.string(),
  roles: z.array(z.string()),
});
export const WordPressSiteConnected = WordPressSite.extend({ wordpressUser: WordPressUser });
export const WordPressSiteChecked = z.object({ ok: z.literal(true), wordpressUser: WordPressUser });

const limits = Object.fromEntries(LIMIT_NAMES.map((l) => [l, z.number().int().nullable()]));
const features = Object.fromEntries(FEATURE_NAMES.map((f) => [f, z.boolean()]));
export const Billing = z
  .object({
    plan: z.enum(PLAN_IDS),
    planName: z.string(),
    access: z.enum(['full', 'grace', 'read_only']),
    graceEndsAt: Timestamp.nullable(),
    subscription: z.object({
      plan: z.enum(PLAN_IDS),
      status: z.string(),
      currentPeriodStart: Timestamp.nullable(),
      currentPeriodEnd: Timestamp.nullable(),
      cancelAtPeriodEnd: z.boolean(),
      trialEndsAt: Timestamp.nullable(),
      managedByStripe: z.boolean(),
    }),
    period: z.object({ start: Timestamp, end: Timestamp, source: z.string() }),
    limits: z.object(limits).meta({ description: 'null: unlimited' }),
    features: z.object(features),
    usage: z
      .object({
        ...Object.fromEntries(
          LIMIT_NAMES.filter((l) => l !== 'languages_per_listing' && l !== 'social_platforms').map(
            (l) => [l, z.number().int()],
          ),
        ),
        ai_generations: z
          .number()
          .int()
          .meta({ description: 'Provider calls this period (extraction, photos, copy)' }),
      })
      .meta({ description: 'This billing period' }),
    readOnly: z.record(z.string(), z.number().int()),
  })
  .meta({ id: 'Billing' });
export const CheckoutStarted = z.object({ id: z.string(), url: z.url(), customerId: z.string() });
export const PortalOpened = z.object({ url: z.url() });

export const Healthy = z.object({ status: z.literal('ok') });
export const Readiness = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({
    database: z.enum(['ok', 'unreachable']),
    temporal: z.enum(['ok', 'unreachable']),
  }),
});
export const WhatsAppReceived = z.object({
  received: z.literal(true),
  duplicates: z.number().int(),
  unrouted: z.number().int(),
});
export const StripeReceived = z.looseObject({
  received: z.literal(true),
  result: z.enum(['processed', 'duplicate', 'ignored', 'unrouted']),
});

export const ErrorBody = z
  .object({
    error: z.looseObject({
      code: z
        .string()
        .meta({ description: 'Machine-readable, e.g. validation_failed, plan_limit' }),
      message: z.string(),
      fields: z
        .record(z.string(), z.string())
        .optional()
        .meta({ description: 'JSON pointer of each invalid field -> why' }),
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: 'Error' });
