import type { Middleware } from 'koa';
import type { ApiDeps } from '../../deps';
import type { AppState } from '../../state';
import { scope } from '../../scope';
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
    const { tx, principal, audit } = scope(ctx);
    const body = validate(InvitationBody, ctx.request.body);
    if (body.role === 'owner' && principal.role !== 'owner') {
      throw new ForbiddenError('Only an owner can invite another owner');
    }
    const whatsappPhone = body.whatsappPhone
      ? await agentWhatsAppNumber(tx, principal.agencyId, body.whatsappPhone)
      : null;
    if (body.whatsappPhone && !whatsappPhone)
      throw new ValidationError({ '/whatsappPhone': PHONE_HINT });
    const token = body.email ? `inv_${randomToken()}` : undefined;
    try {
      const user = await createUserStore(tx).insert({
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
        target: { type: 'user', id: user.id },
        data: { role: user.role, email: user.email, whatsappPhone: user.whatsapp_phone },
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
