import { createDb, appDbRole, type Db } from '../../lib/db';
import type { Lifecycle } from './lifecycle';
import { assertPortFree } from './ports';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './postgres';
import { say, warn } from './log';

export const EMBEDDED_DATABASE = 'realty';

export interface DatabaseUrls {
  /** The application role: subject to row-level security. API, worker and seed use it. */
  appUrl: string;
  /** The owner role that runs migrations. */
  migrationUrl: string;
  /** Set when we started Postgres ourselves. */
  embedded?: EmbeddedPostgres;
}

/** Role names are inlined into DDL (which takes no bind parameters), so only plain ones pass. */
function roleName(): string {
  const role = appDbRole();
  if (!/^[a-z_][a-z0-9_]*$/.test(role)) {
    throw new Error(`APP_DB_ROLE must be a plain lower-case identifier, got "${role}"`);
  }
  return role;
}

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;

async function withDb<T>(url: string, work: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb(url, 1);
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/**
 * The application role logs in with a password and can neither bypass RLS nor own anything:
 * tenant isolation holds only for such a role. ALTER on every start keeps its password in step
 * with secrets.env and undoes any attribute someone granted it by hand.
 */
async function ensureAppRole(admin: Db, role: string, password: string): Promise<void> {
  const attributes = `login password ${literal(password)} nosuperuser nobypassrls nocreatedb nocreaterole`;
  const exists = await admin.raw<{ rows: unknown[] }>('select 1 from pg_roles where rolname = ?', [
    role,
  ]);
  await admin.raw(
    exists.rows.length ? `alter role ${role} ${attributes}` : `create role ${role} ${attributes}`,
  );
}

async function ensureDatabase(admin: Db, name: string): Promise<void> {
  const exists = await admin.raw<{ rows: unknown[] }>(
    'select 1 from pg_database where datname = ?',
    [name],
  );
  if (!exists.rows.length) {
    say(`creating database ${name}`);
    await admin.raw(`create database ${name}`);
  }
}

async function migrate(url: string): Promise<void> {
  await withDb(url, async (db) => {
    const [, applied] = (await db.migrate.latest()) as [number, string[]];
    say(applied.length ? `applied migrations: ${applied.join(', ')}` : 'database is up to date');
  });
}

/** RLS means nothing for a superuser or a BYPASSRLS role; say so loudly rather than pretend. */
async function checkAppRole(url: string): Promise<void> {
  await withDb(url, async (db) => {
    const result = await db.raw<{ rows: Array<{ rolsuper: boolean; rolbypassrls: boolean }> }>(
      'select rolsuper, rolbypassrls from pg_roles where rolname = current_user',
    );
    const row = result.rows[0];
    if (row?.rolsuper || row?.rolbypassrls) {
      warn(
        'DATABASE_URL connects as a superuser or BYPASSRLS role: row-level security does not ' +
          'isolate tenants for it. Point DATABASE_URL at the application role.',
      );
    }
  });
}

/** DATABASE_URL given: migrate it (as DATABASE_MIGRATION_URL when set) and use it as is. */
async function externalDatabase(env: NodeJS.ProcessEnv, appUrl: string): Promise<DatabaseUrls> {
  const migrationUrl = env.DATABASE_MIGRATION_URL || appUrl;
  say('using the PostgreSQL at DATABASE_URL');
  await migrate(migrationUrl);
  await checkAppRole(appUrl);
  return { appUrl, migrationUrl };
}

/** No DATABASE_URL: an embedded cluster with one database, the app role and the migrations. */
async function embeddedDatabase(
  lifecycle: Lifecycle,
  opts: { dataDir: string; port: number; superuserPassword: string; appPassword: string },
): Promise<DatabaseUrls> {
  await assertPortFree(opts.port, 'EMBEDDED_PG_PORT');
  const embedded = await startEmbeddedPostgres({
    dataDir: opts.dataDir,
    port: opts.port,
    password: opts.superuserPassword,
  });
  lifecycle.add('postgres', () => embedded.stop());
  say(`PostgreSQL is running on 127.0.0.1:${opts.port}`);

  const role = roleName();
  await withDb(embedded.url('postgres'), async (admin) => {
    await ensureDatabase(admin, EMBEDDED_DATABASE);
    // Cluster-wide, and before the migrations so their grants find a role that can log in.
    await ensureAppRole(admin, role, opts.appPassword);
  });
  const migrationUrl = embedded.url(EMBEDDED_DATABASE);
  await migrate(migrationUrl);

  const url = new URL(migrationUrl);
  url.username = role;
  url.password = opts.appPassword;
  return { appUrl: url.toString(), migrationUrl, embedded };
}

export async function prepareDatabase(
  lifecycle: Lifecycle,
  opts: {
    env: NodeJS.ProcessEnv;
    dataDir: string;
    port: number;
    superuserPassword: string;
    appPassword: string;
  },
): Promise<DatabaseUrls> {
  const external = opts.env.DATABASE_URL;
  if (external) return externalDatabase(opts.env, external);
  return embeddedDatabase(lifecycle, opts);
}
