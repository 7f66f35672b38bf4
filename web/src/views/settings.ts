import { api } from '../api';
import { h, render } from '../dom';
import { busy, feedback, field, select } from '../ui';

interface Settings {
  language: string;
  secondLanguage: string | null;
  reviewReminderHours: number;
  reviewExpiryDays: number;
  defaultCurrency: string | null;
  defaultCountry: string | null;
}

const LANGUAGES: Array<[string, string]> = [
  ['en', 'English'],
  ['es', 'Spanish'],
  ['pt', 'Portuguese'],
  ['ar', 'Arabic'],
];

/** Listing languages, how long a draft waits for review, and the defaults agents leave out. */
export async function settingsView(main: HTMLElement): Promise<void> {
  const s = await api<Settings>('GET', '/v1/agency/settings');
  const result = feedback();
  const language = select('Listing language', 'set-language', LANGUAGES, s.language);
  const second = select(
    'Also write descriptions in',
    'set-second',
    [['', 'No second language'], ...LANGUAGES],
    s.secondLanguage ?? '',
  );
  const reminder = field('Remind reviewers after (hours)', 'set-reminder', {
    type: 'number',
    min: 1,
    value: s.reviewReminderHours,
  });
  const expiry = field('Expire unreviewed drafts after (days)', 'set-expiry', {
    type: 'number',
    min: 1,
    value: s.reviewExpiryDays,
  });
  const currency = field('Default currency', 'set-currency', {
    value: s.defaultCurrency ?? '',
    placeholder: 'EUR',
    maxlength: 3,
  });
  const country = field('Default country', 'set-country', {
    value: s.defaultCountry ?? '',
    placeholder: 'PT',
    maxlength: 2,
  });
  const save = h('button', { class: 'primary', type: 'submit' }, 'Save settings');
  const form = h(
    'form',
    { class: 'card' },
    language.row,
    second.row,
    reminder.row,
    expiry.row,
    currency.row,
    country.row,
    save,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    result.clear();
    void busy(save, () =>
      api('PATCH', '/v1/agency/settings', {
        language: language.input.value,
        secondLanguage: second.input.value || null,
        reviewReminderHours: Number(reminder.input.value),
        reviewExpiryDays: Number(expiry.input.value),
        defaultCurrency: currency.input.value.trim().toUpperCase() || null,
        defaultCountry: country.input.value.trim().toUpperCase() || null,
      }).then(() => result.ok('Saved.'), result.fail),
    );
  });
  render(main, h('h1', {}, 'Agency settings'), form, result.el);
}
