import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { inTenant } from '../../scope';
import { ensureWithinPlan } from '../../middleware/withinPlan';
import { validate } from '../../validate';
import { InvitationBody } from './schemas';
import { ConflictError, ForbiddenError } from '../../errors';
import { createUserStore, publicUser } from '../../../lib/accounts/userStore';
import { randomToken, sha256Hex } from '../../../lib/crypto/tokens';
import { isUniqueViolation } from '../../../lib/db';
import { agentWhatsAppNumber } from '../../../lib/phone/agency';
import { PHONE_HINT } from '../../../lib/phone';
import { ValidationError } from '../../errors';

const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

/**
 * POST /v1/users/invitations: adds a person to the agency. Dashboard users get a one-time link
 * to set their password (returned once; the product has no mailer yet); an agent without an
 * e-mail is active at once, known by their WhatsApp number.
 */
export function postInvitation(deps: ApiDeps): Middleware<AppState> {
  return async (ctx) => {
    const body = validate(InvitationBody, ctx.request.body);
    const token = body.email ? `inv_${randomToken()}` : undefined;
    try {
      const user = await inTenant(ctx, async ({ tx, principal, audit }) => {
        if (body.role === 'owner' && principal.role !== 'owner') {
          throw new ForbiddenError('Only an owner can invite another owner');
        }
        await ensureWithinPlan(tx, principal.agencyId, 'users');
        const whatsappPhone = body.whatsappPhone
          ? await agentWhatsAppNumber(tx, principal.agencyId, body.whatsappPhone)
          : null;
        if (body.whatsappPhone && !whatsappPhone)
          throw new ValidationError({ '/whatsappPhone': PHONE_HINT });
        const invited = await createUserStore(tx).insert({
          agencyId: principal.agencyId,
          email: body.email ?? null,
          name: body.name,
          role: body.role,
          whatsappPhone,
          status: token ? 'invited' : 'active',
          inviteTokenHash: token ? sha256Hex(token) : null,
          inviteExpiresAt: token ? new Date(Date.now() + INVITATION_TTL_MS) : null,
        });
        await audit({
          action: 'user.invited',
          target: { type: 'user', id: invited.id },
          data: { role: invited.role, email: invited.email, whatsappPhone: invited.whatsapp_phone },
        });
        return invited;
      });
      ctx.status = 201;
      ctx.body = {
        user: publicUser(user),
        ...(token
          ? {
              invitationToken: token,
              invitationUrl: `${deps.config.PUBLIC_URL}/app/#/accept?token=${token}`,
            }
          : {}),
      };
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new ConflictError(
          'user_exists',
          'Someone with this e-mail or WhatsApp number already exists',
        );
      }
      throw err;
    }
  };
}
