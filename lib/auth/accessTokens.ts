import { SignJWT, jwtVerify, errors } from 'jose';
import { ROLES, type Role } from './roles';

const ISSUER = 'realty-assistant';
const AUDIENCE = 'realty-api';

export interface AccessClaims {
  userId: string;
  agencyId: string;
  role: Role;
  /** The login (refresh-token family) this token belongs to: signing out ends it at once. */
  sessionId?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
const isRole = (v: unknown): v is Role => (ROLES as readonly unknown[]).includes(v);

export type AccessTokenResult =
  { ok: true; claims: AccessClaims } | { ok: false; reason: 'expired' | 'invalid' };

/** Short-lived HS256 access tokens; the refresh token (opaque, rotated) renews them. */
export function createAccessTokens(secret: string, ttlSeconds: number) {
  const key = new TextEncoder().encode(secret);
  return {
    ttlSeconds,
    async issue(claims: AccessClaims): Promise<string> {
      return new SignJWT({
        tid: claims.agencyId,
        role: claims.role,
        ...(claims.sessionId ? { sid: claims.sessionId } : {}),
      })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(claims.userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key);
    },
    async verify(token: string): Promise<AccessTokenResult> {
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          audience: AUDIENCE,
          algorithms: ['HS256'],
        });
        const { sub, tid, role, sid } = payload;
        // Ids go straight into uuid columns: a well-signed token with another shape of id
        // (a leaked secret, a token of another service) is invalid, not a database error.
        if (!isUuid(sub) || !isUuid(tid) || !isRole(role) || (sid !== undefined && !isUuid(sid))) {
          return { ok: false, reason: 'invalid' };
        }
        return {
          ok: true,
          claims: { userId: sub, agencyId: tid, role, ...(sid ? { sessionId: sid } : {}) },
        };
      } catch (err) {
        return { ok: false, reason: err instanceof errors.JWTExpired ? 'expired' : 'invalid' };
      }
    },
  };
}
export type AccessTokens = ReturnType<typeof createAccessTokens>;
