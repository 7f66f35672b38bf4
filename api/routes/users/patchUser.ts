import type { Middleware } from 'koa';
import type { AppState } from '../../state';
import { inTenant } from '../../scope';
import { validate } from '../../validate';
import { IdParam, UserPatchBody } from './schemas';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import { agentWhatsAppNumber } from '../../../lib/phone/agency';
import { PHONE_HINT } from '../../../lib/phone';
import { createUserStore, publicUser } from '../../../lib/accounts/userStore';

/** PATCH /v1/users/:id: role, status, name or WhatsApp number. */
export const patchUser: Middleware<AppState> = async (ctx) => {
  const { id } = validate(IdParam, ctx.params);
  const body = validate(UserPatchBody, ctx.request.body);
  ctx.body = await inTenant(ctx, async ({ tx, principal, audit }) => {
    const users = createUserStore(tx);
    const before = await users.get(id);
    if (!before) throw new NotFoundError('User');
    const touchesOwner = before.role === 'owner' || body.role === 'owner';
    if (
      (body.role !== undefined || body.status !== undefined) &&
      touchesOwner &&
      principal.role !== 'owner'
    ) {
      throw new ForbiddenError('Only an owner can change an owner');
    }
    const losesOwner =
      before.role === 'owner' &&
      before.status === 'active' &&
      ((body.role && body.role !== 'owner') || body.status === 'disabled');
    if (losesOwner && (await users.countActiveOwners()) <= 1) {
      throw new ConflictError('last_owner', 'An agency needs at least one active owner');
    }
    const whatsappPhone = body.whatsappPhone
      ? await agentWhatsAppNumber(tx, principal.agencyId, body.whatsappPhone)
      : body.whatsappPhone;
    if (body.whatsappPhone && !whatsappPhone)
      throw new ValidationError({ '/whatsappPhone': PHONE_HINT });
    const after = (await users.update(id, {
      ...(body.role ? { role: body.role } : {}),
      ...(body.status ? { status: body.status } : {}),
      ...(body.name ? { name: body.name } : {}),
      ...(whatsappPhone !== undefined ? { whatsapp_phone: whatsappPhone } : {}),
    }))!;
    if (body.role && body.role !== before.role) {
      await audit({
        action: 'user.role_changed',
        target: { type: 'user', id },
        data: { from: before.role, to: body.role },
      });
    }
    if (body.status && body.status !== before.status) {
      await audit({
        action: 'user.status_changed',
        target: { type: 'user', id },
        data: { from: before.status, to: body.status },
      });
    }
    return publicUser(after);
  });
};
