import { api } from '../api';
import { h, render } from '../dom';
import { feedback, field, select } from '../ui';

/**
 * A new agency and its owner. The server answers the same for new and known addresses (so the
 * form cannot tell who has an account): the agency starts from the link sent to the inbox.
 */
export function signupView(main: HTMLElement): void {
  const result = feedback('signup-error');
  const agency = field('Agency name', 'agency-name', {
    required: true,
    autocomplete: 'organization',
  });
  const name = field('Your name', 'owner-name', { required: true, autocomplete: 'name' });
  const email = field('E-mail', 'signup-email', {
    type: 'email',
    required: true,
    autocomplete: 'username',
  });
  const password = field('Password (at least 10 characters)', 'signup-password', {
    type: 'password',
    required: true,
    minlength: 10,
    autocomplete: 'new-password',
  });
  const language = select(
    'Listing language',
    'signup-language',
    [
      ['en', 'English'],
      ['es', 'Spanish'],
      ['pt', 'Portuguese'],
      ['ar', 'Arabic'],
    ],
    'en',
  );
  const form = h(
    'form',
    { class: 'card login', 'aria-labelledby': 'signup-title' },
    h('h1', { id: 'signup-title' }, 'Create your agency'),
    agency.row,
    name.row,
    email.row,
    password.row,
    language.row,
    result.el,
    h('button', { class: 'primary', type: 'submit' }, 'Create agency'),
    h('p', { class: 'muted' }, 'Already have an account? ', h('a', { href: '#/login' }, 'Sign in')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    result.clear();
    api('POST', '/v1/session/signup', {
      agencyName: agency.input.value,
      name: name.input.value,
      email: email.input.value,
      password: password.input.value,
      defaultLanguage: language.input.value,
    }).then(
      () =>
        render(
          main,
          checkInbox(email.input.value, () => signupView(main)),
        ),
      result.fail,
    );
  });
  render(main, form);
  agency.input.focus();
}

function checkInbox(address: string, again: () => void): HTMLElement {
  return h(
    'section',
    { class: 'card login', 'aria-labelledby': 'inbox-title' },
    h('h1', { id: 'inbox-title' }, 'Check your inbox'),
    h(
      'p',
      { id: 'inbox-message' },
      'We sent a link to ',
      h('strong', { id: 'inbox-address' }, address),
      '. Open it to start your agency; it is valid for one use.',
    ),
    h(
      'p',
      { class: 'muted' },
      'Nothing arrived? Check the spam folder, or ',
      // Already on #/signup, so a link would not change the hash: the form is drawn again.
      h('button', { type: 'button', class: 'link', onclick: again }, 'sign up again'),
      '. Already confirmed? ',
      h('a', { href: '#/login' }, 'Sign in'),
    ),
  );
}
