import { api, inWords, isApiError } from '../api';
import { h } from '../dom';
import { when } from '../ui';

export interface Publications {
  data: Array<{
    site: { id: string; name: string; baseUrl: string };
    state: string;
    url: string | null;
    error: string | null;
    remoteStatus?: string | null;
    archivedReason?: string | null;
    publishedAt?: string | null;
  }>;
}

const STATE_WORDS: Record<string, string> = {
  not_published: 'not published yet',
  pending: 'waiting to publish',
  uploading: 'uploading photos',
  draft: 'saved as a draft',
  published: 'live',
  archived: 'taken down',
  failed: 'failed',
};

/** Where the listing went: one row per WordPress site, with its link or why it failed. */
export function publicationsPanel(pubs: Publications): HTMLElement {
  return h(
    'section',
    { class: 'card publications', 'aria-labelledby': 'pub-title' },
    h('h2', { id: 'pub-title' }, 'Publication'),
    pubs.data.length
      ? h(
          'ul',
          {},
          ...pubs.data.map((p) =>
            h(
              'li',
              { 'data-site': p.site.baseUrl, class: `publication ${p.state}` },
              h('strong', {}, p.site.name),
              ': ',
              h('span', { class: `status ${p.state}` }, STATE_WORDS[p.state] ?? p.state),
              p.archivedReason ? ` (${p.archivedReason})` : '',
              p.url && p.state !== 'failed'
                ? h(
                    'span',
                    {},
                    ' · ',
                    h(
                      'a',
                      { href: p.url, target: '_blank', rel: 'noopener', class: 'live-link' },
                      p.url,
                    ),
                  )
                : null,
              p.publishedAt ? h('span', { class: 'muted' }, ` · ${when(p.publishedAt)}`) : null,
              p.error ? h('div', { class: 'error publication-error' }, p.error) : null,
            ),
          ),
        )
      : h(
          'p',
          { class: 'muted' },
          'No WordPress site connected. ',
          h('a', { href: '#/wordpress' }, 'Connect one'),
        ),
  );
}

/**
 * Commands after approval. The API answers 202 once the listing's workflow has the command;
 * the page then follows the status. A 409 says the listing moved on meanwhile (the page
 * reloads to show where it is); a 503 says nothing was changed and to try again.
 */
export function lifecycleActions(
  id: string,
  status: string,
  message: HTMLElement,
  reload: () => unknown,
): HTMLElement | null {
  const say = (cls: string, text: string) => {
    message.className = cls;
    message.textContent = text;
  };
  const send = (path: string, body: unknown, done: string) => (e: Event) => {
    const button = e.currentTarget as HTMLButtonElement;
    button.disabled = true;
    api('POST', `/v1/listings/${id}/${path}`, body)
      .then(
        () => {
          say('ok', done);
          setTimeout(() => void reload(), 800);
        },
        (err: unknown) => {
          say('error', inWords(err));
          if (isApiError(err) && err.status === 409) setTimeout(() => void reload(), 1500);
        },
      )
      .finally(() => {
        button.disabled = false;
      });
  };
  const buttons = [
    status === 'failed'
      ? h(
          'button',
          {
            type: 'button',
            class: 'primary',
            id: 'retry-publish',
            onclick: send('retry-publish', {}, 'Publishing again…'),
          },
          'Retry publishing',
        )
      : null,
    ['published', 'failed'].includes(status)
      ? h(
          'button',
          {
            type: 'button',
            id: 'mark-sold',
            onclick: send('archive', { reason: 'sold' }, 'Marking as sold…'),
          },
          'Mark as sold',
        )
      : null,
    ['published', 'failed'].includes(status)
      ? h(
          'button',
          {
            type: 'button',
            class: 'danger',
            id: 'withdraw',
            onclick: send('archive', { reason: 'withdrawn' }, 'Withdrawing…'),
          },
          'Withdraw',
        )
      : null,
    ['published', 'archived'].includes(status)
      ? h(
          'button',
          { type: 'button', id: 'republish', onclick: send('republish', {}, 'Republishing…') },
          'Republish',
        )
      : null,
  ].filter(Boolean);
  return buttons.length ? h('div', { class: 'actions lifecycle' }, ...buttons) : null;
}
