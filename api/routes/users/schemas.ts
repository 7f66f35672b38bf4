import { z } from 'zod';
import { Email } from '../auth/schemas';

// E.164: what WhatsApp puts in `from` (without the plus); we store digits only.
export const WhatsAppPhone = z
  .string()
  .transform((s) => s.replace(/[\s()+-]/g, ''))
  .pipe(z.string().regex(/^[1-9]\d{6,14}$/, 'Use the international number, e.g. +34 600 123 456'));

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
