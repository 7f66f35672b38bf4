/** Instagram's caption limit; Facebook's is far higher (63,206), so one rule serves both. */
export const INSTAGRAM_CAPTION_LIMIT = 2200;

/**
 * The post text: the approved copy with `{{link}}` replaced by the live WordPress URL. Copy
 * without the placeholder gets the link at the end, because the link is also the post's
 * marker: a retry whose earlier answer was lost finds the post by it.
 */
export function captionWithLink(
  copy: string,
  link: string,
  limit = INSTAGRAM_CAPTION_LIMIT,
): string {
  const withLink = copy.includes('{{link}}')
    ? copy.replaceAll('{{link}}', link)
    : `${copy.trimEnd()}\n\n${link}`;
  if (withLink.length <= limit) return withLink;
  // Shorten the words, never the link.
  const body = copy.replaceAll('{{link}}', '').trimEnd();
  return `${body.slice(0, Math.max(0, limit - link.length - 3)).trimEnd()}…\n\n${link}`;
}
