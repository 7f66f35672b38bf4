import { z } from 'zod';

export const ApiKeyBody = z.object({
  name: z.string().trim().min(1).max(80),
  // Least privilege unless asked: an `agent` key submits and reads its own listings.
  role: z.enum(['admin', 'agent']).default('agent'),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
