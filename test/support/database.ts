import { randomBytes } from 'node:crypto';
import { createDb, type Db } from '../../lib/db';
import { ADMIN_URL, APP_PASSWORD, APP_ROLE, urlFor } from './template';

export interface TestDatabase {
  name: string;
  /** Owner (superuser) connection: for arranging data across tenants. */
  owner: Db;
  /** Application-role connection: what the product uses, subject to RLS. */
  app: Db;
  appUrl: string;
  ownerUrl: string;
  drop(): Promise<void>;
}

/** A fresh database for one test file, cloned from the run's migrated template (or empty). */
export async function createTestDatabase(opts: { empty?: boolean } = {}): Promise<TestDatabase> {
  const template = process.env.TEST_DB_TEMPLATE;
  if (!template && !opts.empty)
    throw new Error('TEST_DB_TEMPLATE unset: run tests with `npm test`');
  const name = `realty_test_${randomBytes(6).toString('hex')}`;
  const admin = createDb(ADMIN_URL, 1);
  try {
    await admin.raw(
      opts.empty ? `create database ${name}` : `create database ${name} template ${template}`,
    );
  } finally {
    await admin.destroy();
  }
  const ownerUrl = urlFor(name);
  const appUrl = urlFor(name, APP_ROLE, APP_PASSWORD);
  const owner = createDb(ownerUrl, 2);
  const app = createDb(appUrl, 5);
  return {
    name,
    owner,
    app,
    appUrl,
    ownerUrl,
    async drop() {
      await Promise.all([owner.destroy(), app.destroy()]);
      const a = createDb(ADMIN_URL, 1);
      try {
        await a.raw(`drop database if exists ${name} with (force)`);
      } finally {
        await a.destroy();
      }
    },
  };
}
