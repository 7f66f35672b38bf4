import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { validate } from '../../validate';
import { SignupBody } from './schemas';
import { withTenant, isUniqueViolation } from '../../../lib/db';
import { ConflictError } from '../../errors';
import { hashPassword } from '../../../lib/auth/passwords';
import { createAgencyStore, slugify } from '../../../lib/accounts/agencyStore';
import { createUserStore, publicUser } from '../../../lib/accounts/userStore';
import { createSessions } from '../../../lib/accounts/sessions';
import { recordAudit } from '../../../lib/audit/auditLog';
import { randomToken } from '../../../lib/crypto/tokens';

/** POST /v1/auth/signup: a new agency with its owner, signed in. */
export function postSignup(deps: ApiDeps): Middleware<AppState> {
  return async (ctx) => {
    const body = validate(SignupBody, ctx.request.body);
    const passwordHash = await hashPassword(body.password);
    const agencyId = randomUUID();
    try {
      const result = await withTenant(deps.db, agencyId, async (tx) => {
        const agency = await createAgencyStore(tx).insert({
          id: agencyId,
          name: body.agencyName,
          // A short random tail keeps slugs unique without a check-then-insert race.
          slug: `${slugify(body.agencyName)}-${randomToken(3)
            .toLowerCase()
            .replace(/[^a-z0-9]/g, 'x')}`,
          defaultLanguage: body.defaultLanguage,
        });
        const owner = await createUserStore(tx).insert({
          agencyId,
          email: body.email,
          name: body.name,
          role: 'owner',
          passwordHash,
          status: 'active',
        });
        await tx('subscriptions').insert({
          agency_id: agencyId,
          plan: 'starter',
          status: 'active',
        });
        const actor = { type: 'user' as const, id: owner.id };
        const requestId = ctx.state.requestId;
        await recordAudit(tx, {
          agencyId,
          actor,
          action: 'agency.created',
          target: { type: 'agency', id: agencyId },
          requestId,
        });
        await recordAudit(tx, {
          agencyId,
          actor,
          action: 'user.signed_in',
          target: { type: 'user', id: owner.id },
          requestId,
        });
        const sessions = createSessions(
          tx,
          deps.accessTokens,
          deps.config.REFRESH_TOKEN_TTL_SECONDS,
        );
        return { agency, owner, session: await sessions.issue(owner) };
      });
      ctx.status = 201;
      ctx.body = {
        agency: { id: result.agency.id, name: result.agency.name, slug: result.agency.slug },
        user: publicUser(result.owner),
        ...result.session,
      };
    } catch (err) {
      if (isUniqueViolation(err) && err.constraint === 'users_email_unique') {
        throw new ConflictError('email_taken', 'An account with this e-mail already exists');
      }
      throw err;
    }
  };
}
