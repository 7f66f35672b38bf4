import type { Queryable } from '../db';
import { TABLES } from '../db';

export interface Agency {
  id: string;
  name: string;
  slug: string;
  default_language: string;
  stripe_customer_id: string | null;
  created_at: Date;
}

export function createAgencyStore(db: Queryable) {
  return {
    async insert(agency: { id: string; name: string; slug: string; defaultLanguage?: string }) {
      const [row] = await db<Agency>(TABLES.agencies)
        .insert({
          id: agency.id,
          name: agency.name,
          slug: agency.slug,
          default_language: agency.defaultLanguage ?? 'en',
        })
        .returning('*');
      return row as Agency;
    },
    async get(id: string): Promise<Agency | undefined> {
      return db<Agency>(TABLES.agencies).where({ id }).first();
    },
  };
}

/** A URL- and subdomain-safe slug from an agency name. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return slug || 'agency';
}
