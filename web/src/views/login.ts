import { api, isApiError, session } from '../api';
import { h, render } from '../dom';

export function loginView(main: HTMLElement, done: () => void): void {
  const error = h('p', { class: 'error', role: 'alert' });
  const email = h('input', {
    id: 'email',
    type: 'email',
    autocomplete: 'username',
    required: true,
  });
  const password = h('input', {
    id: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
  });
  const form = h(
    'form',
    { class: 'card login', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, 'Sign in'),
    h('div', {}, h('label', { for: 'email' }, 'E-mail'), email),
    h('div', {}, h('label', { for: 'password' }, 'Password'), password),
    error,
    h('button', { class: 'primary', type: 'submit' }, 'Sign in'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.textContent = '';
    api<{ accessToken: string; refreshToken: string }>('POST', '/v1/auth/login', {
      email: email.value,
      password: password.value,
    })
      .then((tokens) => {
        session.save(tokens);
        done();
      })
      .catch((e: unknown) => {
        error.textContent = isApiError(e) ? e.message : 'Could not sign in';
      });
  });
  render(main, form);
  email.focus();
}
