import { randomBytes } from 'node:crypto';
import { createDb, type Db } from '../../../lib/db';
import type { SecretBox } from '../../../lib/crypto/secretBox';

/**
 * A throw-away database on the machine's PostgreSQL with its own application role, so the
 * benchmark never touches another database's role or password (tests and `npm start` use
 * `realty_app`). Migrations grant to APP_DB_ROLE, so the role is set in this process too.
 */
export interface BenchDatabase {
  name: string;
  appUrl: string;
  owner: Db;
  drop(): Promise<void>;
}

const ROLE = 'realty_bench_app';

function urlFor(admin: string, database: string, user?: string, password?: string): string {
  const url = new URL(admin);
  url.pathname = `/${database}`;
  if (user) url.username = user;
  url.password = password ?? url.password;
  return url.toString();
}

export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `realty_bench_${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  const admin = createDb(adminUrl, 1);
  try {
    await admin.raw(
      `do $$ begin
         if not exists (select 1 from pg_roles where rolname = '${ROLE}') then
           create role ${ROLE} login password '${password}' nosuperuser nobypassrls;
         else
           alter role ${ROLE} login password '${password}' nosuperuser nobypassrls;
         end if;
       end $$`,
    );
    await admin.raw(`create database ${name}`);
  } finally {
    await admin.destroy();
  }
  process.env.APP_DB_ROLE = ROLE;
  const owner = createDb(urlFor(adminUrl, name), 2);
  await owner.migrate.latest();
  return {
    name,
    appUrl: urlFor(adminUrl, name, ROLE, password),
    owner,
    async drop() {
      await owner.destroy();
      const a = createDb(adminUrl, 1);
      try {
        await a.raw(`drop database if exists ${name} with (force)`);
        // Other bench runs may be using it; then it stays, owning nothing.
        await a.raw(`drop role if exists ${ROLE}`).catch(() => undefined);
      } finally {
        await a.destroy();
      }
    },
  };
}

export interface BenchAgency {
  agencyId: string;
  phoneNumberId: string;
  agents: string[];
}

/** Agencies, each with a WhatsApp number and agents, written as the owner role. */
export async function seedAgencies(
  owner: Db,
  secrets: SecretBox,
  opts: { agencies: number; agentsPerAgency: number },
): Promise<BenchAgency[]> {
  const seeded: BenchAgency[] = [];
  for (let a = 0; a < opts.agencies; a++) {
    const [agency]: Array<{ id: string }> = await owner('agencies')
      .insert({
        name: `Bench agency ${a + 1}`,
        slug: `bench-${a + 1}-${randomBytes(3).toString('hex')}`,
      })
      .returning('id');
    const agencyId = agency!.id;
    const agents = Array.from({ length: opts.agentsPerAgency }, (_, i) =>
      String(15551000000 + a * 1000 + i),
    );
    await owner('users').insert(
      agents.map((phone, i) => ({
        agency_id: agencyId,
        name: `Agent ${i + 1}`,
        role: 'agent',
        whatsapp_phone: phone,
      })),
    );
    const phoneNumberId = `bench-pn-${a + 1}-${randomBytes(3).toString('hex')}`;
    await owner('whatsapp_channels').insert({
      agency_id: agencyId,
      phone_number_id: phoneNumberId,
      display_phone_number: `1555000${a}`,
      access_token_encrypted: secrets.seal('bench-token'),
    });
    seeded.push({ agencyId, phoneNumberId, agents });
  }
  return seeded;
}
