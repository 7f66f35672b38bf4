import { SignJWT, jwtVerify, errors } from 'jose';
import type { Role } from './roles';

const ISSUER = 'realty-assistant';
const AUDIENCE = 'realty-api';

export interface AccessClaims {
  userId: string;
  agencyId: string;
  role: Role;
}

export type AccessTokenResult =
  { ok: true; claims: AccessClaims } | { ok: false; reason: 'expired' | 'invalid' };

/** Short-lived HS256 access tokens; the refresh token (opaque, rotated) renews them. */
export function createAccessTokens(secret: string, ttlSeconds: number) {
  const key = new TextEncoder().encode(secret);
  return {
    ttlSeconds,
    async issue(claims: AccessClaims): Promise<string> {
      return new SignJWT({ tid: claims.agencyId, role: claims.role })
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
        const { sub, tid, role } = payload;
        if (typeof sub !== 'string' || typeof tid !== 'string' || typeof role !== 'string') {
          return { ok: false, reason: 'invalid' };
        }
        return { ok: true, claims: { userId: sub, agencyId: tid, role: role as Role } };
      } catch (err) {
        return { ok: false, reason: err instanceof errors.JWTExpired ? 'expired' : 'invalid' };
      }
    },
  };
}
export type AccessTokens = ReturnType<typeof createAccessTokens>;
