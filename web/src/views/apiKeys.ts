import { api } from '../api';
import { h, render } from '../dom';
import { busy, feedback, field, select, when } from '../ui';

interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  role: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdAt: string;
}

/** Keys for the agency's own systems (CRM, Zapier): shown once when created, revocable. */
export async function apiKeysView(main: HTMLElement): Promise<void> {
  const { data: keys } = await api<{ data: ApiKey[] }>('GET', '/v1/api-keys');
  const reload = () => apiKeysView(main);
  const result = feedback();
  const name = field('Name', 'key-name', { required: true, placeholder: 'CRM sync' });
  const role = select('Acts as', 'key-role', [
    ['admin', 'Admin'],
    ['agent', 'Agent'],
  ]);
  const create = h('button', { class: 'primary', type: 'submit' }, 'Create key');
  const form = h('form', { class: 'card' }, h('h2', {}, 'New key'), name.row, role.row, create);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busy(create, () =>
      api<{ key: string }>('POST', '/v1/api-keys', {
        name: name.input.value,
        role: role.input.value,
      }).then(async (r) => {
        await reload();
        render(
          document.getElementById('new-key')!,
          h(
            'p',
            { class: 'ok' },
            'Copy the key now; it will not be shown again: ',
            h('code', { id: 'new-key-value' }, r.key),
          ),
        );
      }, result.fail),
    );
  });
  const live = keys.filter((k) => !k.revokedAt);
  render(
    main,
    h('h1', {}, 'API keys'),
    live.length
      ? h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...['Name', 'Key', 'Role', 'Created', 'Last used', ''].map((t) => h('th', {}, t)),
            ),
          ),
          h(
            'tbody',
            {},
            ...live.map((k) =>
              h(
                'tr',
                {},
                h('td', {}, k.name),
                h('td', {}, h('code', {}, `${k.prefix}…`)),
                h('td', {}, k.role),
                h('td', {}, when(k.createdAt)),
                h('td', {}, when(k.lastUsedAt)),
                h(
                  'td',
                  {},
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'danger',
                      onclick: () =>
                        void api('DELETE', `/v1/api-keys/${k.id}`).then(reload, result.fail),
                    },
                    'Revoke',
                  ),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'No keys yet.'),
    h('div', { id: 'new-key' }),
    form,
    result.el,
  );
}
