import type { Db } from '../lib/db';
import type { Logger } from '../lib/log';
import type { AccessTokens } from '../lib/auth/accessTokens';
import type { AppConfig } from '../lib/config';
import type { TemporalHandle } from '../lib/temporal/client';
import type { SecretBox } from '../lib/crypto/secretBox';
import type { Storage } from '../lib/storage';
import type { BackgroundTasks } from '../lib/runtime/background';
import type { FairGate } from '../lib/runtime/fairGate';
import type Stripe from 'stripe';

/** Everything the API needs from outside, injected so tests build it with real or test parts. */
export interface ApiDeps {
  config: AppConfig;
  db: Db;
  log: Logger;
  accessTokens: AccessTokens;
  secrets: SecretBox;
  temporal: TemporalHandle;
  storage: Storage;
  background: BackgroundTasks;
  /** Bounds the hand-offs to Temporal (webhook and reconciler), fairly between agencies. */
  handOffs: FairGate;
  /** Stripe client; undefined when STRIPE_SECRET_KEY is unset (billing routes answer 503). */
  stripe?: Stripe;
}
