import { z } from 'zod';
import { SOCIAL_PLATFORMS, type DraftKind, type SocialPlatform } from '../domain/draft';

/**
 * One language's copy for a listing, as every provider returns it: a title, a short and a long
 * description, and one post per social platform. Posts carry the link placeholder.
 */
export const CopySetSchema = z.object({
  title: z.string().min(1),
  short: z.string().min(1),
  long: z.string().min(1),
  social: z.object({
    instagram: z.string().min(1),
    facebook: z.string().min(1),
    x: z.string().min(1),
    linkedin: z.string().min(1),
  }),
});
export type CopySet = z.infer<typeof CopySetSchema>;

export interface CopyPiece {
  kind: DraftKind;
  platform: SocialPlatform | null;
  content: string;
}

/**
 * The rows a copy set becomes. A second language gets the descriptions only: social posts go
 * out in the listing's own language.
 */
export function piecesOf(copy: CopySet, opts: { primary: boolean }): CopyPiece[] {
  const pieces: CopyPiece[] = [
    { kind: 'title', platform: null, content: copy.title },
    { kind: 'description_short', platform: null, content: copy.short },
    { kind: 'description_long', platform: null, content: copy.long },
  ];
  if (!opts.primary) return pieces.filter((p) => p.kind !== 'title');
  for (const platform of SOCIAL_PLATFORMS) {
    pieces.push({ kind: 'social', platform, content: copy.social[platform] });
  }
  return pieces;
}
