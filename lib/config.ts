import { z } from 'zod';

/**
 * Configuration is read once per process from the environment and validated here, so a
 * missing secret or a malformed URL stops the process at boot with a readable message
 * instead of failing on the first request. Secrets have no defaults on purpose.
 */

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const secret = (what: string) =>
  z.string().min(32, `${what} must be at least 32 characters`).describe(what);

export const DatabaseConfig = z.object({
  DATABASE_URL: z
    .url()
    .describe('PostgreSQL URL of the application role (not the table owner, not BYPASSRLS)'),
  DATABASE_MIGRATION_URL: z
    .url()
    .optional()
    .describe('PostgreSQL URL of the owner role that runs migrations; defaults to DATABASE_URL'),
  DATABASE_POOL_MAX: z.coerce
    .number()
    .int()
    .positive()
    .default(10)
    .describe('Connections per process'),
});

export const TemporalConfig = z.object({
  TEMPORAL_ADDRESS: z.string().default('127.0.0.1:7233').describe('Temporal frontend host:port'),
  TEMPORAL_NAMESPACE: z.string().default('default').describe('Temporal namespace'),
  TEMPORAL_API_KEY: z.string().optional().describe('Temporal Cloud API key (enables TLS)'),
  TEMPORAL_TLS_CERT_PATH: z.string().optional().describe('mTLS client certificate (PEM)'),
  TEMPORAL_TLS_KEY_PATH: z.string().optional().describe('mTLS client key (PEM)'),
  TEMPORAL_TLS_CA_PATH: z
    .string()
    .optional()
    .describe('CA certificate (PEM) of a self-hosted cluster; the system roots when unset'),
  TEMPORAL_TLS_SERVER_NAME: z
    .string()
    .optional()
    .describe('Server name to verify when it differs from the address host'),
  TEMPORAL_TLS: bool
    .optional()
    .describe('Force TLS (on by itself with an API key or a client certificate)'),
  TEMPORAL_PAYLOAD_KEYS: z
    .string()
    .optional()
    .describe(
      'Payload encryption keyring "<id>=<base64 32 bytes>,..." (AES-256-GCM); first is current',
    ),
  TEMPORAL_PAYLOAD_KEY_ID: z
    .string()
    .optional()
    .describe('Key id of TEMPORAL_PAYLOAD_KEYS that encrypts new payloads (default: first)'),
  TEMPORAL_CODEC_TOKEN: secret('TEMPORAL_CODEC_TOKEN')
    .optional()
    .describe('Bearer token ops present to the codec endpoint (/codec/decode) to read payloads'),
  TEMPORAL_CODEC_CORS_ORIGINS: z
    .string()
    .default('http://127.0.0.1:8233,http://localhost:8233')
    .describe('Temporal UI origins allowed to call the codec endpoint (comma-separated)'),
  TEMPORAL_UI_URL: z.url().default('http://127.0.0.1:8233').describe('Temporal Web UI, for links'),
  TASK_QUEUE_LISTINGS: z.string().default('listings').describe('Queue of workflow tasks'),
  TASK_QUEUE_AI: z.string().default('ai').describe('Queue of AI activities'),
  TASK_QUEUE_PUBLISHING: z
    .string()
    .default('publishing')
    .describe('Queue of publishing activities'),
});

export const StorageConfig = z
  .object({
    STORAGE_DRIVER: z.enum(['local', 's3']).default('local').describe('Where photos are kept'),
    STORAGE_DIR: z.string().default('.data/storage').describe('Root folder of the local driver'),
    STORAGE_URL_SECRET: secret('STORAGE_URL_SECRET').optional(),
    STORAGE_URL_TTL_SECONDS: z.coerce.number().int().positive().default(900),
    S3_BUCKET: z.string().optional().describe('Bucket of the s3 driver'),
    S3_REGION: z.string().default('us-east-1'),
    S3_ENDPOINT: z.url().optional().describe('S3-compatible endpoint (MinIO, R2, ...)'),
    S3_FORCE_PATH_STYLE: bool.default(false),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
  })
  .refine((c) => c.STORAGE_DRIVER !== 's3' || c.S3_BUCKET, {
    message: 'S3_BUCKET is required when STORAGE_DRIVER=s3',
    path: ['S3_BUCKET'],
  })
  .refine((c) => c.STORAGE_DRIVER !== 'local' || c.STORAGE_URL_SECRET, {
    message: 'STORAGE_URL_SECRET is required when STORAGE_DRIVER=local (it signs photo URLs)',
    path: ['STORAGE_URL_SECRET'],
  });

export const WhatsAppConfig = z.object({
  WHATSAPP_GRAPH_URL: z
    .url()
    .default('https://graph.facebook.com/v21.0')
    .describe('WhatsApp Cloud API base URL, with the Graph API version'),
  SOCIAL_GRAPH_URL: z
    .url()
    .optional()
    .describe(
      'Graph API base URL for Facebook Page and Instagram posts; unset: WHATSAPP_GRAPH_URL',
    ),
  INTAKE_QUIET_WINDOW_SECONDS: z.coerce
    .number()
    .positive()
    .default(90)
    .describe('How long an agent must be quiet before a burst of messages becomes a listing'),
  INTAKE_MAX_MESSAGES: z.coerce
    .number()
    .int()
    .positive()
    .default(200)
    .describe(
      'The most messages one burst may hold; at the limit it becomes a listing and the agent is told',
    ),
  INTAKE_MAX_PHOTOS: z.coerce
    .number()
    .int()
    .positive()
    .default(30)
    .describe('The most photos (images, documents, videos) one burst may hold, likewise'),
  HANDOFF_CONCURRENCY: z.coerce
    .number()
    .int()
    .positive()
    .default(8)
    .describe(
      "The most hand-offs to Temporal one API process runs at once, shared round robin between agencies (the webhook's acknowledgements keep the CPU)",
    ),
  HANDOFF_BATCH_SIGNAL: bool
    .default(true)
    .describe(
      "Hands an agent's queued messages to their intake workflow in one signal (turn off while any worker runs a release older than this one, which does not know that signal)",
    ),
  INBOUND_REDRIVE_INTERVAL_SECONDS: z.coerce
    .number()
    .positive()
    .default(30)
    .describe('How often pending messages (Temporal was down) are handed to Temporal again'),
  WHATSAPP_TEMPLATE_LISTING_UPDATE: z
    .string()
    .min(1)
    .default('listing_update')
    .describe(
      'Approved message template (body "{{1}}") for replies outside the 24-hour service window',
    ),
  WHATSAPP_TEMPLATE_LANGUAGE: z
    .string()
    .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'a WhatsApp language code such as en or pt_BR')
    .optional()
    .describe("Template language for every agency; default follows the agency's language"),
});

export const ApiConfig = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().default('127.0.0.1').describe('Interface the API listens on'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('API port'),
  PUBLIC_URL: z.url().default('http://127.0.0.1:3000').describe('Public base URL of the API'),
  BASE_DOMAIN: z
    .string()
    .optional()
    .describe('Apex domain for tenant subdomains (acme.BASE_DOMAIN selects agency "acme")'),
  JWT_SECRET: secret('JWT_SECRET'),
  ENCRYPTION_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/]{43}=$/, 'ENCRYPTION_KEY must be 32 bytes, base64')
    .describe('AES-256-GCM key for secrets stored in the database'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * 24 * 3600),
  BODY_LIMIT: z.string().default('1mb').describe('Largest JSON body the API accepts'),
  AUTH_RATE_LIMIT_SCALE: z.coerce
    .number()
    .positive()
    .default(1)
    .describe('Multiplies the sign-in, sign-up, refresh and invitation rate limits'),
  WHATSAPP_VERIFY_TOKEN: z.string().min(8).optional().describe('Webhook verification token'),
  WHATSAPP_APP_SECRET: z.string().min(8).optional().describe('Meta app secret (signatures)'),
  METRICS_TOKEN: secret('METRICS_TOKEN')
    .optional()
    .describe('Bearer token of the Prometheus scraper; unset: /metrics answers private networks'),
});

/**
 * Billing (optional: without STRIPE_SECRET_KEY the billing routes answer 503 and every agency
 * keeps the plan in its subscription row). Price ids map Stripe payments to plans.
 */
export const StripeConfig = z.object({
  STRIPE_SECRET_KEY: z.string().min(8).optional().describe('Stripe secret key (sk_... or rk_...)'),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .min(8)
    .optional()
    .describe('Signing secret of the /webhooks/stripe endpoint (whsec_...)'),
  STRIPE_PRICE_PRO: z.string().optional().describe('Stripe price id of the Pro plan'),
  STRIPE_PRICE_BUSINESS: z.string().optional().describe('Stripe price id of the Business plan'),
  STRIPE_PRICE_ENTERPRISE: z
    .string()
    .optional()
    .describe('Stripe price id of Enterprise contracts (not sold through Checkout)'),
  STRIPE_API_BASE: z
    .url()
    .optional()
    .describe('Stripe API base URL, e.g. http://127.0.0.1:12111 for stripe-mock'),
});

/**
 * The AI provider of the drafting activities. Without OPENAI_API_KEY the local provider runs
 * (deterministic, offline); with it, OpenAI or any OpenAI-compatible server at OPENAI_BASE_URL.
 */
export const AiConfig = z
  .object({
    AI_PROVIDER: z
      .enum(['local', 'openai'])
      .optional()
      .describe('local or openai; default openai when OPENAI_API_KEY is set, else local'),
    OPENAI_API_KEY: z.string().min(1).optional().describe('API key of the OpenAI provider'),
    OPENAI_BASE_URL: z
      .url()
      .optional()
      .describe('OpenAI-compatible base URL (Azure OpenAI v1, vLLM, Ollama); default OpenAI'),
    OPENAI_MODEL: z
      .string()
      .min(1)
      .default('gpt-4o-mini')
      .describe('Model for extraction and copy'),
    OPENAI_VISION_MODEL: z
      .string()
      .min(1)
      .optional()
      .describe('Model for photos; OPENAI_MODEL if unset'),
    OPENAI_IMAGE_INPUT: z
      .enum(['data_url', 'signed_url'])
      .default('data_url')
      .describe('Send photos inline as base64, or as signed URLs the AI server fetches'),
    OPENAI_TIMEOUT_SECONDS: z.coerce.number().positive().default(60).describe('Per request'),
  })
  .refine((c) => c.AI_PROVIDER !== 'openai' || c.OPENAI_API_KEY, {
    message: 'OPENAI_API_KEY is required when AI_PROVIDER=openai',
    path: ['OPENAI_API_KEY'],
  });

/** Server-side requests to URLs tenants and operators choose (lib/net/outbound.ts). */
export const OutboundConfig = z.object({
  OUTBOUND_ALLOW_PRIVATE: z
    .string()
    .regex(
      /^(none|((loopback|private|link-local|cgnat|unique-local|metadata)(,|$))+)?$/,
      'a comma-separated list of loopback, private, link-local, cgnat, unique-local, metadata',
    )
    .optional()
    .describe(
      'Non-public address kinds outbound requests (WordPress sites) may reach; unset: public only',
    ),
});

export const appConfigSchema = ApiConfig.and(DatabaseConfig)
  .and(TemporalConfig)
  .and(StorageConfig)
  .and(WhatsAppConfig)
  .and(StripeConfig)
  .and(OutboundConfig);
export type AppConfig = z.infer<typeof appConfigSchema>;

export const workerConfigSchema = ApiConfig.pick({
  NODE_ENV: true,
  LOG_LEVEL: true,
  ENCRYPTION_KEY: true,
})
  .and(DatabaseConfig)
  .and(TemporalConfig)
  .and(StorageConfig)
  .and(WhatsAppConfig)
  .and(AiConfig)
  .and(OutboundConfig)
  .and(
    z.object({
      PUBLIC_URL: ApiConfig.shape.PUBLIC_URL,
      WORKER_TASK_QUEUES: z
        .string()
        .default('listings,ai,publishing')
        .describe('Task queues this worker process serves (comma-separated)'),
      WORKER_METRICS_ADDRESS: z
        .string()
        .regex(/^[^\s:]+:\d+$/, 'host:port, e.g. 0.0.0.0:9464')
        .optional()
        .describe('Where the worker serves Prometheus metrics (/metrics); unset: not served'),
      DRAFTING_ATTEMPT_TIMEOUT_SECONDS: z.coerce
        .number()
        .int()
        .positive()
        .optional()
        .describe(
          'Longest one attempt of a drafting step may run before Temporal retries it: also how long a crashed worker holds a listing; unset: 1 min (database steps) to 3 min (AI steps)',
        ),
      PUBLISHING_HEARTBEAT_SECONDS: z.coerce
        .number()
        .int()
        .positive()
        .default(60)
        .describe(
          'How soon a WordPress step whose worker fell silent (crashed) is retried; its publication lease expires as fast',
        ),
    }),
  );
export type WorkerConfig = z.infer<typeof workerConfigSchema>;

export class ConfigError extends Error {}

/** Parses `env` with `schema`, or throws one error that lists every bad variable. */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(config)'}: ${i.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
