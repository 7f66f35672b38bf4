import { api } from '../api';
import { h, render } from '../dom';
import { busy, feedback, field, select, when } from '../ui';

interface SocialAccount {
  id: string;
  platform: 'facebook' | 'instagram';
  accountId: string;
  name: string;
  status: 'connected' | 'needs_reconnect';
  lastError: string | null;
  updatedAt: string;
}

const PLATFORM = { facebook: 'Facebook Page', instagram: 'Instagram account' } as const;

/**
 * The agency's Facebook Page and Instagram professional account: connect one with a Page
 * access token (checked by Meta first; a missing permission is named), see which one needs
 * reconnecting after its token expired, remove one.
 */
export async function socialView(main: HTMLElement): Promise<void> {
  const { data: accounts } = await api<{ data: SocialAccount[] }>('GET', '/v1/social-accounts');
  const reload = () => socialView(main);
  const result = feedback();
  const platform = select(
    'Platform',
    'social-platform',
    [
      ['facebook', PLATFORM.facebook],
      ['instagram', PLATFORM.instagram],
    ],
    'facebook',
  );
  const accountId = field('Page or Instagram account id', 'social-account-id', {
    required: true,
    placeholder: '101234567890123',
  });
  const token = field('Page access token', 'social-token', { required: true, autocomplete: 'off' });
  const connect = h('button', { class: 'primary', type: 'submit' }, 'Connect account');
  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'social-connect-title' },
    h('h2', { id: 'social-connect-title' }, 'Connect an account'),
    h(
      'p',
      { class: 'muted' },
      'In Meta Business Suite: a Page access token with pages_manage_posts (and instagram_content_publish for Instagram).',
    ),
    platform.row,
    accountId.row,
    token.row,
    connect,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    result.clear();
    void busy(connect, () =>
      api('POST', '/v1/social-accounts', {
        platform: platform.input.value,
        accountId: accountId.input.value,
        accessToken: token.input.value,
      }).then(() => reload(), result.fail),
    );
  });
  render(
    main,
    h('h1', {}, 'Social accounts'),
    accounts.length
      ? h('div', { class: 'sites' }, ...accounts.map((a) => accountCard(a, reload)))
      : h('p', { class: 'muted' }, 'No social account connected yet.'),
    form,
    result.el,
  );
}

function accountCard(account: SocialAccount, reload: () => Promise<void>): HTMLElement {
  const result = feedback(`social-feedback-${account.id}`);
  const remove = h('button', { type: 'button', class: 'danger' }, 'Remove');
  remove.addEventListener('click', () => {
    if (
      !confirm(`Remove ${account.name}? Posts already made stay on ${PLATFORM[account.platform]}.`)
    )
      return;
    void busy(remove, () =>
      api('DELETE', `/v1/social-accounts/${account.id}`).then(() => reload(), result.fail),
    );
  });
  return h(
    'section',
    { class: 'card site', 'aria-label': account.name, 'data-platform': account.platform },
    h(
      'h2',
      {},
      `${PLATFORM[account.platform]}: ${account.name} `,
      h(
        'span',
        { class: `status ${account.status === 'connected' ? 'connected' : 'failed'}` },
        account.status === 'connected' ? 'connected' : 'reconnect needed',
      ),
    ),
    h('p', {}, `id ${account.accountId} · updated ${when(account.updatedAt)}`),
    account.lastError ? h('p', { class: 'error' }, account.lastError) : null,
    h('div', { class: 'actions' }, remove),
    result.el,
  );
}
