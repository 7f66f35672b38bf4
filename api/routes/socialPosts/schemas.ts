import { z } from 'zod';
import { SOCIAL_ACCOUNT_PLATFORMS } from '../../../lib/social/accountStore';

export const SocialPostParams = z.object({
  id: z.uuid('Not a valid id'),
  platform: z.enum(SOCIAL_ACCOUNT_PLATFORMS),
});
export const ListingIdParam = z.object({ id: z.uuid('Not a valid id') });

/** The operator's choice in review: post when the listing goes live, at a time, or not at all. */
export const SocialPostChoice = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('now') }),
  z.object({
    mode: z.literal('schedule'),
    at: z.iso
      .datetime({
        offset: true,
        message: 'Use an ISO time with its offset, e.g. 2026-12-05T09:00:00+01:00',
      })
      .refine((at) => Date.parse(at) > Date.now(), 'The time is in the past'),
  }),
  z.object({ mode: z.literal('skip') }),
]);
