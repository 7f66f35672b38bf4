import { api } from '../api';
import { h, render } from '../dom';
import { busy, feedback, field, select, when } from '../ui';

interface Site {
  id: string;
  name: string;
  baseUrl: string;
  username: string;
  mappingProfile: string;
  status: string;
  updatedAt: string;
}

/**
 * The agency's WordPress sites: connect one (checked live: unreachable, wrong password,
 * missing capability, plugin missing or outdated each come back as a sentence), test a
 * connection, give a site a new application password, disconnect.
 */
export async function wordpressView(main: HTMLElement): Promise<void> {
  return show(main);
}

/** `flash`: a confirmation to show on one site's card after the page redraws. */
async function show(main: HTMLElement, flash?: { siteId: string; text: string }): Promise<void> {
  const { data: sites } = await api<{ data: Site[] }>('GET', '/v1/wordpress-sites');
  const reload = (next?: { siteId: string; text: string }) => show(main, next);
  const result = feedback();

  const name = field('Name', 'wp-name', { placeholder: 'Main site' });
  const baseUrl = field('Site address', 'wp-url', {
    type: 'url',
    required: true,
    placeholder: 'https://agency.example',
  });
  const username = field('WordPress username', 'wp-user', { required: true });
  const password = field('Application password', 'wp-password', {
    required: true,
    autocomplete: 'off',
    placeholder: 'xxxx xxxx xxxx xxxx xxxx xxxx',
  });
  const profile = select(
    'Publish as',
    'wp-profile',
    [
      ['posts', 'Blog posts'],
      ['property', 'Property listings (Realty Assistant plugin)'],
    ],
    'posts',
  );
  const connect = h('button', { class: 'primary', type: 'submit' }, 'Connect site');
  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'wp-connect-title' },
    h('h2', { id: 'wp-connect-title' }, 'Connect a site'),
    h(
      'p',
      { class: 'muted' },
      'In WordPress: Users → Profile → Application Passwords → add one named "Realty Assistant", and paste it here.',
    ),
    name.row,
    baseUrl.row,
    username.row,
    password.row,
    profile.row,
    connect,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    result.clear();
    void busy(connect, () =>
      api('POST', '/v1/wordpress-sites', {
        ...(name.input.value ? { name: name.input.value } : {}),
        baseUrl: baseUrl.input.value,
        username: username.input.value,
        applicationPassword: password.input.value,
        mappingProfile: profile.input.value,
      }).then(() => reload(), result.fail),
    );
  });

  render(
    main,
    h('h1', {}, 'WordPress sites'),
    sites.length
      ? h(
          'div',
          { class: 'sites' },
          ...sites.map((s) => siteCard(s, reload, flash?.siteId === s.id ? flash.text : undefined)),
        )
      : h('p', { class: 'muted' }, 'No site connected yet.'),
    form,
    result.el,
  );
}

function siteCard(
  site: Site,
  reload: (flash?: { siteId: string; text: string }) => Promise<void>,
  flash?: string,
): HTMLElement {
  const result = feedback(`site-feedback-${site.id}`);
  if (flash) result.ok(flash);
  const test = h('button', { type: 'button' }, 'Test connection');
  test.addEventListener('click', () => {
    result.clear();
    void busy(test, () =>
      api<{ wordpressUser: { name: string; roles: string[] } }>(
        'POST',
        `/v1/wordpress-sites/${site.id}/check`,
      ).then(
        (r) =>
          result.ok(`Connected as ${r.wordpressUser.name} (${r.wordpressUser.roles.join(', ')}).`),
        result.fail,
      ),
    );
  });
  const password = field('New application password', `wp-new-password-${site.id}`, {
    autocomplete: 'off',
  });
  const save = h('button', { type: 'submit' }, 'Save password');
  const passwordForm = h('form', { class: 'inline' }, password.row, save);
  passwordForm.addEventListener('submit', (e) => {
    e.preventDefault();
    result.clear();
    void busy(save, () =>
      api('PATCH', `/v1/wordpress-sites/${site.id}`, {
        applicationPassword: password.input.value,
      }).then(
        () => reload({ siteId: site.id, text: 'New password checked and saved.' }),
        result.fail,
      ),
    );
  });
  const disconnect = h('button', { type: 'button', class: 'danger' }, 'Disconnect');
  disconnect.addEventListener('click', () => {
    if (!confirm(`Disconnect ${site.baseUrl}? Posts already on the site stay there.`)) return;
    void busy(disconnect, () =>
      api('DELETE', `/v1/wordpress-sites/${site.id}`).then(() => reload(), result.fail),
    );
  });
  return h(
    'section',
    { class: 'card site', 'aria-label': site.name, 'data-site': site.baseUrl },
    h('h2', {}, site.name, ' ', h('span', { class: `status ${site.status}` }, site.status)),
    h(
      'p',
      {},
      h('a', { href: site.baseUrl, target: '_blank', rel: 'noopener' }, site.baseUrl),
      ` · user ${site.username} · ${site.mappingProfile === 'property' ? 'property listings' : 'blog posts'} · updated ${when(site.updatedAt)}`,
    ),
    h('div', { class: 'actions' }, test, disconnect),
    passwordForm,
    result.el,
  );
}
