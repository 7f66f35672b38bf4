import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db';
import { TABLES } from '../db';
import { randomToken, sha256Hex } from '../crypto/tokens';
import type { AccessTokens } from '../auth/accessTokens';
import type { User } from './userStore';

export interface Session {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
}

interface RefreshTokenRow {
  id: string;
  agency_id: string;
  user_id: string;
  family_id: string;
  expires_at: Date;
  rotated_at: Date | null;
  revoked_at: Date | null;
}

export type RotateResult =
  | { ok: true; session: Session; user: User }
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' | 'reused' | 'inactive' };

/**
 * Login sessions: a short-lived JWT plus an opaque refresh token. Refresh tokens rotate on
 * every use; presenting one that was already rotated means it was stolen or replayed, so the
 * whole family (every token of that login) is revoked.
 */
export function createSessions(
  db: Queryable,
  accessTokens: AccessTokens,
  refreshTtlSeconds: number,
) {
  const tokens = () => db<RefreshTokenRow>(TABLES.refreshTokens);

  async function issue(user: User, familyId: string = randomUUID()): Promise<Session> {
    const refreshToken = `rt_${randomToken()}`;
    await tokens().insert({
      agency_id: user.agency_id,
      user_id: user.id,
      token_hash: sha256Hex(refreshToken),
      family_id: familyId,
      expires_at: new Date(Date.now() + refreshTtlSeconds * 1000),
    } as Partial<RefreshTokenRow>);
    const accessToken = await accessTokens.issue({
      userId: user.id,
      agencyId: user.agency_id,
      role: user.role,
      sessionId: familyId,
    });
    return { accessToken, tokenType: 'Bearer', expiresIn: accessTokens.ttlSeconds, refreshToken };
  }

  async function revokeFamily(familyId: string): Promise<void> {
    await tokens()
      .where({ family_id: familyId })
      .whereNull('revoked_at')
      .update({ revoked_at: new Date() });
  }

  return {
    issue,
    revokeFamily,
    /** Call inside the token's tenant transaction (the tenant comes from route_refresh_token). */
    async rotate(tokenId: string): Promise<RotateResult> {
      const row = await tokens().where({ id: tokenId }).forUpdate().first();
      if (!row) return { ok: false, reason: 'unknown' };
      if (row.revoked_at) return { ok: false, reason: 'revoked' };
      if (row.rotated_at) {
        await revokeFamily(row.family_id);
        return { ok: false, reason: 'reused' };
      }
      if (row.expires_at.getTime() <= Date.now()) return { ok: false, reason: 'expired' };
      const user = await db<User>(TABLES.users).where({ id: row.user_id }).first();
      if (!user || user.status !== 'active') return { ok: false, reason: 'inactive' };
      await tokens().where({ id: row.id }).update({ rotated_at: new Date() });
      return { ok: true, session: await issue(user, row.family_id), user };
    },
    async familyOf(tokenId: string): Promise<string | undefined> {
      return (await tokens().where({ id: tokenId }).first())?.family_id;
    },
  };
}
