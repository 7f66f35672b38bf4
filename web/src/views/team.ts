import { api } from '../api';
import { h, render } from '../dom';
import type { Me } from '../me';
import { busy, feedback, field, select, when } from '../ui';

interface User {
  id: string;
  name: string;
  email: string | null;
  role: string;
  whatsappPhone: string | null;
  status: string;
  lastLoginAt: string | null;
}

const ROLES: Array<[string, string]> = [
  ['agent', 'Agent (sends listings over WhatsApp)'],
  ['admin', 'Admin (reviews, manages the agency)'],
  ['owner', 'Owner (also billing)'],
];

/** The agency's people: roles and WhatsApp numbers, invitations, role changes, deactivation. */
export async function teamView(main: HTMLElement, me: Me): Promise<void> {
  const { data: users } = await api<{ data: User[] }>('GET', '/v1/users');
  const reload = () => teamView(main, me);
  const result = feedback();
  const invited = h('div', { id: 'invitation' });

  const name = field('Name', 'invite-name', { required: true });
  const role = select(
    'Role',
    'invite-role',
    me.role === 'owner' ? ROLES : ROLES.slice(0, 2),
    'agent',
  );
  const phone = field('WhatsApp number (agents)', 'invite-phone', {
    placeholder: '+351 912 345 678',
  });
  const email = field('E-mail (admins and owners sign in with it)', 'invite-email', {
    type: 'email',
  });
  const invite = h('button', { class: 'primary', type: 'submit' }, 'Invite');
  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'invite-title' },
    h('h2', { id: 'invite-title' }, 'Invite someone'),
    name.row,
    role.row,
    phone.row,
    email.row,
    invite,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    result.clear();
    void busy(invite, () =>
      api<{ invitationUrl?: string }>('POST', '/v1/users/invitations', {
        name: name.input.value,
        role: role.input.value,
        ...(phone.input.value ? { whatsappPhone: phone.input.value } : {}),
        ...(email.input.value ? { email: email.input.value } : {}),
      }).then(async (r) => {
        await reload();
        if (r.invitationUrl)
          render(
            document.getElementById('invitation')!,
            h(
              'p',
              { class: 'ok' },
              'Send this link to the person you invited (it works once, for 7 days): ',
              h('code', { id: 'invitation-url' }, r.invitationUrl),
            ),
          );
      }, result.fail),
    );
  });

  const change = (u: User, patch: Record<string, string>) =>
    api('PATCH', `/v1/users/${u.id}`, patch).then(reload, result.fail);
  render(
    main,
    h('h1', {}, 'Team'),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...['Name', 'Role', 'WhatsApp', 'E-mail', 'Status', 'Last sign-in', ''].map((t) =>
            h('th', {}, t),
          ),
        ),
      ),
      h(
        'tbody',
        {},
        ...users.map((u) => {
          const roleSelect = select(`Role of ${u.name}`, `role-${u.id}`, ROLES, u.role);
          roleSelect.input.disabled = u.id === me.user?.id;
          roleSelect.input.addEventListener(
            'change',
            () => void change(u, { role: roleSelect.input.value }),
          );
          roleSelect.row.querySelector('label')!.className = 'sr-only';
          return h(
            'tr',
            { 'data-user': u.id },
            h('td', {}, u.name),
            h('td', {}, roleSelect.row),
            h('td', {}, u.whatsappPhone ? `+${u.whatsappPhone}` : '—'),
            h('td', {}, u.email ?? '—'),
            h('td', {}, h('span', { class: `status ${u.status}` }, u.status)),
            h('td', {}, when(u.lastLoginAt)),
            h(
              'td',
              {},
              u.id === me.user?.id
                ? null
                : h(
                    'button',
                    {
                      type: 'button',
                      class: u.status === 'disabled' ? '' : 'danger',
                      onclick: () =>
                        void change(u, { status: u.status === 'disabled' ? 'active' : 'disabled' }),
                    },
                    u.status === 'disabled' ? 'Reactivate' : 'Deactivate',
                  ),
            ),
          );
        }),
      ),
    ),
    invited,
    form,
    result.el,
  );
}
