import { z } from 'zod';

export const ApiKeyBody = z.object({
  name: z.string().trim().min(1).max(80),
  role: z.enum(['admin', 'agent']).default('admin'),
});
