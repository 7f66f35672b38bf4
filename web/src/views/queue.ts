import { api } from '../api';
import { h, render } from '../dom';

interface Summary {
  id: string;
  status: string;
  title: string | null;
  city: string | null;
  listPrice: number | null;
  currency: string | null;
  createdAt: string;
}

const STATUSES = [
  'awaiting_review',
  'approved',
  'publishing',
  'published',
  'rejected',
  'expired',
  'failed',
  'received',
];
export const statusLabel = (s: string): string => s.replace(/_/g, ' ');

export async function queueView(main: HTMLElement, params: URLSearchParams): Promise<void> {
  const status = params.get('status') ?? 'awaiting_review';
  const q = params.get('q') ?? '';
  const query = new URLSearchParams({
    limit: '50',
    ...(status !== 'all' ? { status } : {}),
    ...(q ? { q } : {}),
  });
  const list = await api<{ data: Summary[]; total: number; counts: Record<string, number> }>(
    'GET',
    `/v1/listings?${query.toString()}`,
  );
  const go = (next: Record<string, string>) => {
    location.hash = `#/queue?${new URLSearchParams({ status, q, ...next }).toString()}`;
  };
  const search = h('input', {
    type: 'search',
    id: 'search',
    value: q,
    placeholder: 'Search title, city, address',
  });
  search.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') go({ q: search.value });
  });
  render(
    main,
    h('h1', {}, 'Review queue'),
    h(
      'div',
      { class: 'tabs', role: 'toolbar', 'aria-label': 'Filter by status' },
      ...['all', ...STATUSES].map((s) =>
        h(
          'button',
          {
            type: 'button',
            'aria-pressed': String(s === status),
            onclick: () => go({ status: s }),
          },
          `${statusLabel(s)}${s === 'all' ? '' : ` (${list.counts[s] ?? 0})`}`,
        ),
      ),
    ),
    h('div', { class: 'search' }, h('label', { for: 'search' }, 'Search'), search),
    list.data.length
      ? h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, 'Listing'),
              h('th', {}, 'City'),
              h('th', {}, 'Price'),
              h('th', {}, 'Status'),
              h('th', {}, 'Received'),
            ),
          ),
          h(
            'tbody',
            {},
            ...list.data.map((l) =>
              h(
                'tr',
                {},
                h(
                  'td',
                  {},
                  h('a', { href: `#/listings/${l.id}` }, l.title ?? `Listing ${l.id.slice(0, 8)}`),
                ),
                h('td', {}, l.city ?? '—'),
                h(
                  'td',
                  {},
                  l.listPrice !== null
                    ? `${l.listPrice.toLocaleString()} ${l.currency ?? ''}`
                    : '—',
                ),
                h('td', {}, h('span', { class: `status ${l.status}` }, statusLabel(l.status))),
                h('td', {}, new Date(l.createdAt).toLocaleString()),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'Nothing here.'),
  );
}
