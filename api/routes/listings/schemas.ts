import { z } from 'zod';
import { FieldEditsSchema } from '../../../lib/listings/resoFields';

export const ListingQuery = z.object({
  status: z.string().max(40).optional(),
  agent: z.uuid().optional(),
  q: z.string().trim().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  offset: z.coerce.number().int().min(0).default(0),
});

export const ListingPatch = z
  .object({
    fields: FieldEditsSchema.optional(),
    title: z.string().trim().min(1).max(200).optional(),
    drafts: z
      .array(z.object({ id: z.uuid(), content: z.string().min(1).max(20_000) }))
      .max(50)
      .optional(),
    photos: z
      .array(
        z.object({
          id: z.uuid(),
          order: z.number().int().min(0).max(500).optional(),
          caption: z.string().max(500).nullable().optional(),
        }),
      )
      .max(200)
      .optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: 'Nothing to change',
    path: [],
  });

export const ApproveBody = z
  .object({
    note: z.string().max(2000).optional(),
    overrides: z
      .array(
        z.object({
          checkId: z.string().min(1).max(100),
          reason: z.string().trim().min(3).max(500),
        }),
      )
      .max(50)
      .optional(),
  })
  .strict();

export const RejectBody = z
  .object({ reason: z.string().trim().min(3, 'Say why, so the agent can fix it').max(2000) })
  .strict();
