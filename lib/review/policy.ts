import { z } from 'zod';

/**
 * How long a listing may wait for a decision. Agencies set these in `agencies.settings.review`;
 * the defaults are a reminder after a day and expiry after 14 days.
 */
export const ReviewPolicySchema = z.object({
  remindAfterMinutes: z
    .number()
    .positive()
    .default(24 * 60),
  expireAfterMinutes: z
    .number()
    .positive()
    .default(14 * 24 * 60),
});

export function reviewPolicyOf(settings: unknown): {
  remindAfterMs: number;
  expireAfterMs: number;
} {
  const raw = (settings as { review?: unknown } | null)?.review ?? {};
  const parsed = ReviewPolicySchema.safeParse(raw);
  const policy = parsed.success ? parsed.data : ReviewPolicySchema.parse({});
  return {
    remindAfterMs: policy.remindAfterMinutes * 60_000,
    expireAfterMs: policy.expireAfterMinutes * 60_000,
  };
}
