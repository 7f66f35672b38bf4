import { z } from 'zod';

/**
 * The texts the drafting phase writes for a listing, one `drafts` row each. A row's slot is
 * (kind, platform, language); a correction writes a new revision of every slot.
 */

export const SOCIAL_PLATFORMS = ['instagram', 'facebook', 'x', 'linkedin'] as const;
export const SocialPlatformSchema = z.enum(SOCIAL_PLATFORMS);
export type SocialPlatform = z.infer<typeof SocialPlatformSchema>;

export const DRAFT_KINDS = ['title', 'description_short', 'description_long', 'social'] as const;
export const DraftKindSchema = z.enum(DRAFT_KINDS);
export type DraftKind = z.infer<typeof DraftKindSchema>;

/**
 * - `candidate`: written by generate, being checked (never shown as current);
 * - `generated`: the current text of its slot;
 * - `edited`: an operator changed it; regeneration never replaces it (its checks are re-run);
 * - `suggested`: a regenerated text for a slot an operator edited, offered beside the edit;
 * - `superseded`: an older revision.
 */
export const DRAFT_STATUSES = [
  'candidate',
  'generated',
  'edited',
  'suggested',
  'superseded',
] as const;
export type DraftStatus = (typeof DRAFT_STATUSES)[number];

/** The publish step replaces this with the listing's URL. */
export const LINK_PLACEHOLDER = '{{link}}';
