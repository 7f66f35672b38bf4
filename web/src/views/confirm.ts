import { api } from '../api';
import { h, render } from '../dom';
import { feedback } from '../ui';

/**
 * The sign-up e-mail's link (`#/confirm?token=`): confirming starts the agency and signs its
 * owner in. It confirms on arrival, once; the button is there only to retry after a failure
 * (a dropped connection), since the token is single-use.
 */
export function confirmView(main: HTMLElement, token: string, done: () => void): void {
  const result = feedback('confirm-error');
  const retry = h('button', { class: 'primary', type: 'submit', hidden: true }, 'Try again');
  const form = h(
    'form',
    { class: 'card login', 'aria-labelledby': 'confirm-title' },
    h('h1', { id: 'confirm-title' }, 'Starting your agency'),
    result.el,
    retry,
    h('p', { class: 'muted' }, 'Already confirmed? ', h('a', { href: '#/login' }, 'Sign in')),
  );
  const confirm = () => {
    result.ok('Confirming your e-mail…');
    retry.hidden = true;
    api('POST', '/v1/session/signup/confirm', { token }).then(done, (e: unknown) => {
      result.fail(e);
      retry.hidden = false;
    });
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    confirm();
  });
  render(main, form);
  if (token) confirm();
  else render(form, h('p', { class: 'error' }, 'This link has no confirmation in it.'));
}
