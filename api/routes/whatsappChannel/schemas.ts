import { z } from 'zod';
import { WhatsAppPhone } from '../users/schemas';

export const WhatsAppChannelBody = z.object({
  phoneNumberId: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z_-]{3,64}$/, 'Copy the Phone number ID from WhatsApp → API Setup in Meta'),
  displayPhoneNumber: WhatsAppPhone.optional(),
  // Meta's system-user tokens start with EAA; permanent ones are ~200 characters.
  /** Optional when the number is already connected: the sealed token is kept. */
  accessToken: z.string().trim().min(20, 'Paste the whole access token').max(1000).optional(),
});

export const TestMessageBody = z.object({ to: WhatsAppPhone });
