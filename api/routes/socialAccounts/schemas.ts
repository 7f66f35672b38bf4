import { z } from 'zod';
import { SOCIAL_ACCOUNT_PLATFORMS } from '../../../lib/social/accountStore';

export const SocialAccountBody = z.object({
  platform: z.enum(SOCIAL_ACCOUNT_PLATFORMS),
  /** The Facebook Page id, or the Instagram professional account's user id. */
  accountId: z
    .string()
    .trim()
    .regex(/^\d{5,25}$/, 'Use the numeric id Meta shows for the Page or Instagram account'),
  accessToken: z.string().trim().min(20, 'Paste the Page access token').max(1000),
});

export const SocialAccountIdParam = z.object({ id: z.uuid('Not a valid id') });
