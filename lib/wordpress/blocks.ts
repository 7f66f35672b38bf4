/**
 * Post content as block-editor markup (the serialized form WordPress 5.x/6.x stores), so an
 * operator who opens the post in the editor sees a paragraph, a gallery and a table block
 * instead of one "classic" HTML lump. Everything we insert is escaped here.
 */

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Plain text (what drafts hold) as paragraph blocks: blank lines split, single breaks stay. */
export function paragraphs(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map(
      (p) =>
        `<!-- wp:paragraph -->\n<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>\n<!-- /wp:paragraph -->`,
    )
    .join('\n\n');
}

export interface GalleryImage {
  id: number;
  url: string;
  alt: string;
  caption: string | null;
}

/** A core/gallery block of nested core/image blocks (the WordPress 5.9+ format). */
export function gallery(images: readonly GalleryImage[]): string {
  if (!images.length) return '';
  const items = images.map((img) => {
    const caption = img.caption
      ? `<figcaption class="wp-element-caption">${escapeHtml(img.caption)}</figcaption>`
      : '';
    return (
      `<!-- wp:image {"id":${img.id},"sizeSlug":"large","linkDestination":"none"} -->\n` +
      `<figure class="wp-block-image size-large"><img src="${escapeHtml(img.url)}" alt="${escapeHtml(
        img.alt,
      )}" class="wp-image-${img.id}"/>${caption}</figure>\n<!-- /wp:image -->`
    );
  });
  return (
    '<!-- wp:gallery {"linkTo":"none"} -->\n' +
    '<figure class="wp-block-gallery has-nested-images columns-default is-cropped">' +
    items.join('\n\n') +
    '</figure>\n<!-- /wp:gallery -->'
  );
}

/** A core/table block of label/value rows. */
export function factsTable(rows: ReadonlyArray<readonly [string, string]>): string {
  if (!rows.length) return '';
  const body = rows
    .map(([label, value]) => `<tr><td>${escapeHtml(label)}</td><td>${escapeHtml(value)}</td></tr>`)
    .join('');
  return (
    '<!-- wp:table -->\n' +
    `<figure class="wp-block-table"><table><tbody>${body}</tbody></table></figure>\n` +
    '<!-- /wp:table -->'
  );
}

/** Media ids a stored content references (`wp-image-<id>`), to check a gallery survived. */
export function referencedImageIds(content: string): Set<number> {
  return new Set([...content.matchAll(/wp-image-(\d+)/g)].map((m) => Number(m[1])));
}
