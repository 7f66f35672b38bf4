import { api, isApiError, onPlanLimit, onSignedOut } from './api';
import { h, render } from './dom';
import { loginView } from './views/login';
import { signupView } from './views/signup';
import { acceptView } from './views/accept';
import { confirmView } from './views/confirm';
import { queueView } from './views/queue';
import { listingView } from './views/listing';
import { onboardingView } from './views/onboarding';
import { whatsappView } from './views/whatsapp';
import { socialView } from './views/social';
import { wordpressView } from './views/wordpress';
import { teamView } from './views/team';
import { apiKeysView } from './views/apiKeys';
import { billingView } from './views/billing';
import { settingsView } from './views/settings';
import { planLimitNotice } from './views/planLimit';
import type { Me } from './me';

/**
 * Hash routes. Signed out: #/login, #/signup, #/confirm?token= (the sign-up e-mail's link),
 * #/accept?token=. Signed in, by role: agents see their listings only; admins also the agency's
 * settings pages; owners also billing.
 */
const main = document.getElementById('main')!;
const sections = document.getElementById('sections')!;
const account = document.getElementById('account')!;
const notice = document.getElementById('notice')!;

type Page = (main: HTMLElement, me: Me, params: URLSearchParams) => Promise<void>;
const OPERATOR_PAGES: Record<string, { title: string; page: Page; owner?: true }> = {
  '/onboarding': { title: 'Get started', page: onboardingView },
  '/whatsapp': { title: 'WhatsApp', page: whatsappView },
  '/wordpress': { title: 'WordPress', page: wordpressView },
  '/social': { title: 'Social', page: socialView },
  '/team': { title: 'Team', page: teamView },
  '/api-keys': { title: 'API keys', page: apiKeysView },
  '/billing': { title: 'Billing', page: billingView, owner: true },
  '/settings': { title: 'Settings', page: settingsView },
};

const allowed = (me: Me, path: string) => {
  const page = OPERATOR_PAGES[path];
  if (!page) return true;
  if (me.role === 'agent') return false;
  return !page.owner || me.role === 'owner';
};

async function signOut(): Promise<void> {
  await api('DELETE', '/v1/session').catch(() => undefined);
  location.hash = '#/login';
  await route();
}

/**
 * Each navigation takes a turn; a slower, earlier one (the queue still loading when the operator
 * clicks Social) must not paint over the page that followed it. A page is built off-screen and
 * shown only if its turn is still the latest.
 */
let turn = 0;

async function route(): Promise<void> {
  const mine = ++turn;
  const [path = '/', query] = location.hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query ?? '');
  render(notice);
  // Asking first keeps a signed-out visit free of 401s (and of console noise).
  const { signedIn: hasSession } = await api<{ signedIn: boolean }>('GET', '/v1/session');
  const me = !hasSession
    ? undefined
    : await api<Me>('GET', '/v1/me').catch((e: unknown) => {
        if (isApiError(e) && e.status === 401) return undefined;
        throw e;
      });
  if (mine !== turn) return;
  signedIn = Boolean(me);
  if (!me) {
    render(sections);
    render(account);
    const enter = () => {
      location.hash = path === '/confirm' ? '#/onboarding' : '#/';
      void route();
    };
    if (path === '/signup') signupView(main);
    else if (path === '/confirm') confirmView(main, params.get('token') ?? '', enter);
    else if (path === '/accept') acceptView(main, params.get('token') ?? '', enter);
    else loginView(main, enter);
    return;
  }
  render(
    sections,
    h('a', { href: '#/queue' }, me.role === 'agent' ? 'My listings' : 'Listings'),
    ...Object.entries(OPERATOR_PAGES)
      .filter(([p]) => allowed(me, p))
      .map(([p, { title }]) =>
        h('a', { href: `#${p}`, 'aria-current': path === p ? 'page' : undefined }, title),
      ),
  );
  render(
    account,
    h(
      'span',
      { class: 'muted' },
      `${me.user?.name ?? 'API key'} (${me.role}) · ${me.agency.name} `,
    ),
    h('button', { type: 'button', onclick: () => void signOut() }, 'Sign out'),
  );
  if (path === '/confirm') {
    // Confirming would open a second session beside this one; the link keeps until used.
    render(
      main,
      h(
        'p',
        { class: 'error', id: 'confirm-signed-in' },
        `You are signed in to ${me.agency.name}. Sign out, then open the link from the e-mail again to start the new agency.`,
      ),
    );
    return;
  }
  const listing = /^\/listings\/([0-9a-f-]{36})$/.exec(path);
  const page = h('div', { class: 'page' });
  try {
    if (listing) await listingView(page, listing[1]!, me);
    else if (OPERATOR_PAGES[path] && allowed(me, path))
      await OPERATOR_PAGES[path].page(page, me, params);
    else if (OPERATOR_PAGES[path])
      render(page, h('p', { class: 'error' }, 'Your role does not open this page.'));
    else await queueView(page, params);
  } catch (e) {
    render(
      page,
      h(
        'p',
        { class: 'error' },
        `Could not load this page (${(e as { message?: string }).message ?? 'error'})`,
      ),
    );
  }
  if (mine !== turn) return;
  render(main, page);
  main.focus();
}

// A 401 while signed in: the session ended (signed out elsewhere, expired, deactivated).
let signedIn = false;
onSignedOut(() => {
  if (!signedIn) return;
  signedIn = false;
  void route();
});
onPlanLimit((limit) => render(notice, planLimitNotice(limit)));
window.addEventListener('hashchange', () => void route());
void route();
