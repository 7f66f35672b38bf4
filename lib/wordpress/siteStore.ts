import type { Queryable } from '../db';
import { TABLES } from '../db';
import type { SecretBox } from '../crypto/secretBox';
import type { MappingProfile } from './mapping';
import type { WordPressSiteAuth } from './client';

export interface WordPressSiteRow {
  id: string;
  agency_id: string;
  name: string;
  base_url: string;
  username: string;
  app_password_encrypted: string;
  mapping_profile: MappingProfile;
  status: string;
  created_at: Date;
  updated_at: Date;
}

/** What the API shows: never the password, sealed or not. */
export function publicSite(row: WordPressSiteRow) {
  return {
    id: row.id,
    name: row.name,
    baseUrl: row.base_url,
    username: row.username,
    mappingProfile: row.mapping_profile,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Credentials of a site, with the application password opened for one use. */
export const siteAuth = (row: WordPressSiteRow, secrets: SecretBox): WordPressSiteAuth => ({
  baseUrl: row.base_url,
  username: row.username,
  applicationPassword: secrets.open(row.app_password_encrypted),
});

/** The agency's WordPress sites (the transaction's tenant, enforced by RLS). */
export function createSiteStore(db: Queryable) {
  const sites = () => db<WordPressSiteRow>(TABLES.wordpressSites);
  return {
    get: (id: string) => sites().where({ id }).first(),
    list: () => sites().orderBy('created_at', 'asc'),
    async insert(s: {
      agencyId: string;
      name: string;
      baseUrl: string;
      username: string;
      sealedPassword: string;
      mappingProfile: MappingProfile;
    }): Promise<WordPressSiteRow> {
      const [row] = await sites()
        .insert({
          agency_id: s.agencyId,
          name: s.name,
          base_url: s.baseUrl,
          username: s.username,
          app_password_encrypted: s.sealedPassword,
          mapping_profile: s.mappingProfile,
          status: 'connected',
        })
        .returning('*');
      return row as WordPressSiteRow;
    },
    async remove(id: string): Promise<boolean> {
      return (await sites().where({ id }).delete()) > 0;
    },
  };
}
