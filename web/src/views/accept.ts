import { api } from '../api';
import { h, render } from '../dom';
import { feedback, field } from '../ui';

/** The invitation link's page: the invited person sets a password and is signed in. */
export function acceptView(main: HTMLElement, token: string, done: () => void): void {
  const result = feedback('accept-error');
  const password = field('Choose a password (at least 10 characters)', 'accept-password', {
    type: 'password',
    required: true,
    minlength: 10,
    autocomplete: 'new-password',
  });
  const form = h(
    'form',
    { class: 'card login', 'aria-labelledby': 'accept-title' },
    h('h1', { id: 'accept-title' }, 'Join your agency'),
    token ? null : h('p', { class: 'error' }, 'This link has no invitation in it.'),
    password.row,
    result.el,
    h('button', { class: 'primary', type: 'submit' }, 'Set password and sign in'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    result.clear();
    api('POST', '/v1/session/invitation', { token, password: password.input.value }).then(
      done,
      result.fail,
    );
  });
  render(main, form);
  password.input.focus();
}
