import { z } from 'zod';
import { Email } from '../auth/schemas';
import { PHONE_HINT, PHONE_SHAPE } from '../../../lib/phone';

// A phone number as typed; the route reads it in the agency's country (lib/phone/agency.ts).
export const WhatsAppPhone = z.string().trim().regex(PHONE_SHAPE, PHONE_HINT);

export const InvitationBody = z
  .object({
    name: z.string().trim().min(1).max(120),
    email: Email.optional(),
    role: z.enum(['owner', 'admin', 'agent']),
    whatsappPhone: WhatsAppPhone.optional(),
  })
  .refine((b) => b.role !== 'agent' || b.whatsappPhone, {
    message: 'Agents need their WhatsApp number',
    path: ['whatsappPhone'],
  })
  .refine((b) => b.role === 'agent' || b.email, {
    message: 'Owners and admins sign in with an e-mail address',
    path: ['email'],
  });

export const UserPatchBody = z
  .object({
    role: z.enum(['owner', 'admin', 'agent']).optional(),
    status: z.enum(['active', 'disabled']).optional(),
    name: z.string().trim().min(1).max(120).optional(),
    whatsappPhone: WhatsAppPhone.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Nothing to change', path: [] });

export const IdParam = z.object({ id: z.uuid('Not a valid id') });
