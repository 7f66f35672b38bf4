import { createDb } from '../../lib/db';

/** The machine's Postgres as its superuser: the owner role in tests. */
export const ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const APP_ROLE = 'realty_app';
export const APP_PASSWORD = 'realty_app_test';
const TEMPLATE = `realty_test_tpl_${process.pid}`;

export function urlFor(database: string, user = 'postgres', password?: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${database}`;
  url.username = user;
  url.password = password ?? '';
  return url.toString();
}

/**
 * Migrates one template database per test run; each test file then clones it
 * (`create database ... template`), which takes milliseconds instead of a migration run.
 */
export async function prepareTemplateDatabase(): Promise<string> {
  const admin = createDb(ADMIN_URL, 1);
  try {
    await admin.raw(
      `do $$ begin
         if not exists (select 1 from pg_roles where rolname = '${APP_ROLE}') then
           create role ${APP_ROLE} login password '${APP_PASSWORD}';
         else
           alter role ${APP_ROLE} login password '${APP_PASSWORD}';
         end if;
       end $$`,
    );
    await admin.raw(`drop database if exists ${TEMPLATE}`);
    await admin.raw(`create database ${TEMPLATE}`);
  } finally {
    await admin.destroy();
  }
  const owner = createDb(urlFor(TEMPLATE), 1);
  try {
    await owner.migrate.latest();
  } finally {
    await owner.destroy();
  }
  return TEMPLATE;
}

export async function dropTemplateDatabase(): Promise<void> {
  const admin = createDb(ADMIN_URL, 1);
  try {
    await admin.raw(`drop database if exists ${TEMPLATE} with (force)`);
  } finally {
    await admin.destroy();
  }
}
