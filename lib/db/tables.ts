/** Every table name in one place, so a rename is one change and grep finds every use. */
export const TABLES = {
  agencies: 'agencies',
  users: 'users',
  refreshTokens: 'refresh_tokens',
  apiKeys: 'api_keys',
  signupConfirmations: 'signup_confirmations',
  accountEmails: 'account_emails',
  subscriptions: 'subscriptions',
  whatsappChannels: 'whatsapp_channels',
  inboundMessages: 'inbound_messages',
  inboundQuarantine: 'inbound_quarantine',
  outboundMessages: 'outbound_messages',
  unroutedWebhooks: 'unrouted_webhooks',
  listings: 'listings',
  listingAssets: 'listing_assets',
  drafts: 'drafts',
  wordpressSites: 'wordpress_sites',
  publications: 'publications',
  webhookEvents: 'webhook_events',
  auditLog: 'audit_log',
  events: 'events',
  usageRecords: 'usage_records',
  socialAccounts: 'social_accounts',
  socialPosts: 'social_posts',
} as const;

/**
 * Tables whose rows belong to one agency. Each has `agency_id` and a row-level security
 * policy; `agencies` is tenant-owned too, keyed by its own `id`.
 */
export const TENANT_TABLES = [
  TABLES.users,
  TABLES.refreshTokens,
  TABLES.apiKeys,
  TABLES.signupConfirmations,
  TABLES.accountEmails,
  TABLES.subscriptions,
  TABLES.whatsappChannels,
  TABLES.inboundMessages,
  TABLES.inboundQuarantine,
  TABLES.outboundMessages,
  TABLES.listings,
  TABLES.listingAssets,
  TABLES.drafts,
  TABLES.wordpressSites,
  TABLES.publications,
  TABLES.auditLog,
  TABLES.events,
  TABLES.usageRecords,
  TABLES.socialAccounts,
  TABLES.socialPosts,
] as const;

/** Role names; the application role is configurable because a DBA may name it. */
export const appDbRole = (): string => process.env.APP_DB_ROLE ?? 'realty_app';
