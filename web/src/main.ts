import { api, session } from './api';
import { h, render } from './dom';
import { loginView } from './views/login';
import { queueView } from './views/queue';
import { listingView } from './views/listing';

/** Hash routes: #/queue?status=..., #/listings/:id; everything needs a signed-in operator. */
const main = document.getElementById('main')!;
const account = document.getElementById('account')!;

async function route(): Promise<void> {
  if (!session.signedIn) {
    render(account);
    loginView(main, () => void route());
    return;
  }
  const me = await api<{ agency: { name: string }; user: { name: string } | null }>(
    'GET',
    '/v1/me',
  ).catch(() => undefined);
  if (!me) {
    session.clear();
    return route();
  }
  render(
    account,
    h('span', { class: 'muted' }, `${me.user?.name ?? 'API key'} · ${me.agency.name} `),
    h('button', { type: 'button', onclick: () => (session.clear(), void route()) }, 'Sign out'),
  );
  const [path, query] = location.hash.replace(/^#/, '').split('?');
  const listing = /^\/listings\/([0-9a-f-]{36})$/.exec(path ?? '');
  try {
    if (listing) await listingView(main, listing[1]!);
    else await queueView(main, new URLSearchParams(query ?? ''));
  } catch (e) {
    render(
      main,
      h(
        'p',
        { class: 'error' },
        `Could not load this page (${(e as { message?: string }).message ?? 'error'})`,
      ),
    );
  }
  main.focus();
}

window.addEventListener('hashchange', () => void route());
void route();
