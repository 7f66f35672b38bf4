import { WordPressError, type WordPressClient } from './client';
import type { TermIds, TermSpec } from './mapping';

/**
 * Categories and tags of the `posts` profile, found by slug and created when missing.
 * Creating terms needs `manage_categories`; a user without it still publishes, with the
 * terms that already exist (tags are a convenience, not part of the listing).
 */
export async function ensureTerms(
  client: WordPressClient,
  specs: readonly TermSpec[],
  signal?: AbortSignal,
): Promise<TermIds> {
  const ids: TermIds = { categories: [], tags: [] };
  for (const taxonomy of ['categories', 'tags'] as const) {
    const wanted = specs.filter((s) => s.taxonomy === taxonomy);
    if (!wanted.length) continue;
    const route = `/wp/v2/${taxonomy}`;
    const existing = await client.get<Array<{ id: number; slug: string }>>(
      route,
      { slug: wanted.map((w) => w.slug), per_page: 100, _fields: 'id,slug' },
      signal,
    );
    const bySlug = new Map(existing.map((t) => [t.slug, t.id]));
    for (const spec of wanted) {
      let id = bySlug.get(spec.slug);
      if (id === undefined) id = await createTerm(client, route, spec, signal);
      if (id !== undefined) ids[taxonomy].push(id);
    }
  }
  return ids;
}

async function createTerm(
  client: WordPressClient,
  route: string,
  spec: TermSpec,
  signal?: AbortSignal,
): Promise<number | undefined> {
  try {
    const created = await client.post<{ id: number }>(
      route,
      { name: spec.name, slug: spec.slug },
      signal,
    );
    return created.id;
  } catch (err) {
    if (!(err instanceof WordPressError)) throw err;
    // Another publish created it a moment ago (or it exists under another slug with this name).
    const termId = err.details.data?.term_id;
    if (err.code === 'term_exists' && typeof termId === 'number') return termId;
    if (err.status === 403) return undefined;
    throw err;
  }
}
