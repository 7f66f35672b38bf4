import type { Db } from '../lib/db';
import type { Logger } from '../lib/log';
import type { Storage } from '../lib/storage';
import type { SecretBox } from '../lib/crypto/secretBox';
import type { GraphClient } from '../lib/whatsapp/graphClient';
import type { ReplyTemplateConfig } from '../lib/whatsapp/serviceWindow';
import type { AIProvider } from '../lib/ai/provider';
import type { SocialSettings } from './social';
import type { NotificationRetry } from './whatsapp/notifications';

/** What activities need from outside; production wires real clients, tests wire doubles or real local services. */
export interface ActivityDeps {
  db: Db;
  log: Logger;
  storage: Storage;
  secrets: SecretBox;
  /** A WhatsApp Cloud API client authenticated with one channel's access token. */
  whatsapp: (accessToken: string) => GraphClient;
  /** The approved template for replies outside WhatsApp's 24-hour window (default `listing_update`). */
  whatsappTemplate?: ReplyTemplateConfig;
  /** The drafting phase's AI provider, and the task queue its activities run on (TASK_QUEUE_AI). */
  /** `attemptTimeoutSeconds`: every drafting step's, when the operator bounds them (config). */
  ai: { provider: AIProvider; taskQueue: string; attemptTimeoutSeconds?: number };
  /** The task queue of the WordPress activities (TASK_QUEUE_PUBLISHING); unset: the workflow's. */
  publishing?: { taskQueue: string; heartbeatTimeoutSeconds?: number };
  /** Facebook Page and Instagram posting (SOCIAL_GRAPH_URL); unset: the WhatsApp Graph URL. */
  social?: SocialSettings;
  /** Retry of notifications to agents and reviewers; unset: about half an hour. */
  notifications?: NotificationRetry;
}
