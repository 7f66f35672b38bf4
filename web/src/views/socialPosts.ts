import { api } from '../api';
import { h } from '../dom';
import { busy, feedback, when } from '../ui';

export interface SocialPost {
  platform: 'facebook' | 'instagram';
  state: 'scheduled' | 'posting' | 'posted' | 'failed' | 'skipped' | 'removed';
  scheduledAt: string | null;
  permalink: string | null;
  lastError: string | null;
  updatedAt: string;
}

const NAME = { facebook: 'Facebook', instagram: 'Instagram' } as const;

/**
 * The listing's social posts: each platform's state, its link once posted, the reason in
 * words when it failed or was skipped, and for operators a choice (post when live, at a time,
 * skip) while it has not gone out, and Retry once it failed.
 */
export function socialPostsPanel(
  listingId: string,
  posts: SocialPost[],
  operator: boolean,
  reload: () => Promise<void>,
): HTMLElement {
  const result = feedback('social-posts-feedback');
  const rows = (['facebook', 'instagram'] as const).map((platform) => {
    const post = posts.find((p) => p.platform === platform);
    const state = post?.state ?? 'scheduled';
    const open = state === 'scheduled' || state === 'skipped';
    const choose = (body: unknown, button: HTMLButtonElement) =>
      void busy(button, () =>
        api('PUT', `/v1/listings/${listingId}/social-posts/${platform}`, body).then(
          () => reload(),
          result.fail,
        ),
      );
    const now = h('button', { type: 'button' }, 'Post when live');
    now.addEventListener('click', () => choose({ mode: 'now' }, now));
    const at = h('input', { type: 'datetime-local', 'aria-label': `${NAME[platform]} time` });
    const schedule = h('button', { type: 'button' }, 'Schedule');
    schedule.addEventListener('click', () =>
      at.value
        ? choose({ mode: 'schedule', at: new Date(at.value).toISOString() }, schedule)
        : result.fail(new Error('Pick a time first')),
    );
    const skip = h('button', { type: 'button' }, 'Skip');
    skip.addEventListener('click', () => choose({ mode: 'skip' }, skip));
    const retry = h('button', { type: 'button', class: 'primary' }, 'Retry');
    retry.addEventListener(
      'click',
      () =>
        void busy(retry, () =>
          api('POST', `/v1/listings/${listingId}/social-posts/${platform}/retry`).then(
            () => reload(),
            result.fail,
          ),
        ),
    );
    const label =
      state === 'scheduled' && post?.scheduledAt
        ? `scheduled for ${when(post.scheduledAt)}`
        : state;
    return h(
      'li',
      { 'data-platform': platform },
      h('strong', {}, `${NAME[platform]}: `),
      h('span', { class: `status ${state}` }, label),
      post?.permalink
        ? h(
            'span',
            {},
            ' · ',
            h('a', { href: post.permalink, target: '_blank', rel: 'noopener' }, 'view post'),
          )
        : null,
      post?.lastError
        ? h('p', { class: state === 'failed' ? 'error' : 'muted' }, post.lastError)
        : null,
      operator && open ? h('div', { class: 'actions' }, now, at, schedule, skip) : null,
      operator && state === 'failed' ? h('div', { class: 'actions' }, retry) : null,
    );
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'social-posts-title' },
    h('h2', { id: 'social-posts-title' }, 'Social posts'),
    h('ul', { class: 'plain' }, ...rows),
    result.el,
  );
}
