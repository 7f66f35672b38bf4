import { z } from 'zod';
import type { Language } from '../../domain/listing';
import type { DraftKind, SocialPlatform } from '../../domain/draft';

/**
 * What the checks say about one text, stored as `drafts.checks` (an array of CheckFlag; empty
 * when every check passed, with `drafts.check_status` saying whether they ran). A flag's `id`
 * is stable for the same text, so an operator's override (recorded in the audit log by the
 * review phase) names exactly the flag it overrides.
 */

export const CHECK_NAMES = ['grounding', 'fair_housing', 'platform_limits'] as const;
export type CheckName = (typeof CHECK_NAMES)[number];

/** `blocking`: the draft cannot be approved until the text changes or the flag is overridden. */
export type Severity = 'blocking' | 'warning';
export type CheckStatus = 'pass' | 'warning' | 'blocking';

export const SpanSchema = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  text: z.string(),
});
export type Span = z.infer<typeof SpanSchema>;

export const CheckFlagSchema = z.object({
  id: z.string(),
  check: z.enum(CHECK_NAMES),
  /** The rule set's version (the fair-housing catalogue's, the limits table's, ...). */
  version: z.string(),
  rule: z.string(),
  severity: z.enum(['blocking', 'warning']),
  message: z.string(),
  /** Why the rule exists (fair housing: the protected class; limits: the platform's rule). */
  reason: z.string().optional(),
  /** Where in the draft's content; absent for whole-text flags such as a length limit. */
  span: SpanSchema.optional(),
});
export type CheckFlag = z.infer<typeof CheckFlagSchema>;

/** The text being checked and where it will appear. */
export interface CheckTarget {
  kind: DraftKind;
  platform: SocialPlatform | null;
  language: Language;
  content: string;
}

export function flagId(rule: string, span?: { start: number }): string {
  return span ? `${rule}@${span.start}` : rule;
}

export function statusOf(flags: readonly CheckFlag[]): CheckStatus {
  if (flags.some((f) => f.severity === 'blocking')) return 'blocking';
  return flags.length ? 'warning' : 'pass';
}
