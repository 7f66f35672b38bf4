import type { Db } from '../lib/db';
import type { Logger } from '../lib/log';
import type { Storage } from '../lib/storage';
import type { SecretBox } from '../lib/crypto/secretBox';
import type { GraphClient } from '../lib/whatsapp/graphClient';

/** What activities need from outside; production wires real clients, tests wire doubles or real local services. */
export interface ActivityDeps {
  db: Db;
  log: Logger;
  storage: Storage;
  secrets: SecretBox;
  /** A WhatsApp Cloud API client authenticated with one channel's access token. */
  whatsapp: (accessToken: string) => GraphClient;
}
