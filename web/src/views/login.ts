import { api } from '../api';
import { h, render } from '../dom';
import { feedback, field } from '../ui';

/** Sign-in: the server answers with the session cookie, never a token the page could leak. */
export function loginView(main: HTMLElement, done: () => void): void {
  const result = feedback('login-error');
  const email = field('E-mail', 'email', {
    type: 'email',
    autocomplete: 'username',
    required: true,
  });
  const password = field('Password', 'password', {
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const form = h(
    'form',
    { class: 'card login', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, 'Sign in'),
    email.row,
    password.row,
    result.el,
    h('button', { class: 'primary', type: 'submit' }, 'Sign in'),
    h('p', { class: 'muted' }, 'New agency? ', h('a', { href: '#/signup' }, 'Create an account')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    result.clear();
    api('POST', '/v1/session', { email: email.input.value, password: password.input.value }).then(
      done,
      result.fail,
    );
  });
  render(main, form);
  email.input.focus();
}
