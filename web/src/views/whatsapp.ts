import { api } from '../api';
import { h, render } from '../dom';
import { busy, feedback, field, when } from '../ui';

interface ChannelPage {
  channel: { phoneNumberId: string; displayPhoneNumber: string | null; connectedAt: string } | null;
  webhookUrl: string;
  verifyToken: string | null;
  lastDelivery: {
    kind: string;
    to: string;
    status: string;
    error: string | null;
    at: string;
  } | null;
}

/**
 * Connect the business number (Meta's phone number id and a system-user access token), the
 * two values to paste into Meta's webhook settings, a test message, and the last delivery.
 * Webhook signatures are checked with the platform's Meta app secret (WHATSAPP_APP_SECRET), so
 * the page does not ask for one.
 */
export async function whatsappView(main: HTMLElement): Promise<void> {
  return show(main);
}

async function show(main: HTMLElement, flash?: string): Promise<void> {
  const page = await api<ChannelPage>('GET', '/v1/whatsapp-channel');
  const reload = (done?: string) => () => show(main, done);
  const result = feedback();
  if (flash) result.ok(flash);
  const phoneNumberId = field('Phone number ID', 'phone-number-id', {
    required: true,
    value: page.channel?.phoneNumberId ?? '',
  });
  const display = field('Phone number (as customers see it)', 'display-phone', {
    value: page.channel?.displayPhoneNumber ?? '',
    placeholder: '+351 912 345 678',
  });
  const token = field(
    page.channel ? 'New access token (leave empty to keep the current one)' : 'Access token',
    'access-token',
    { type: 'password', required: !page.channel, autocomplete: 'off' },
  );
  const connect = h(
    'button',
    { class: 'primary', type: 'submit' },
    page.channel ? 'Save' : 'Connect',
  );
  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'connect-title' },
    h('h2', { id: 'connect-title' }, page.channel ? 'Connected number' : 'Connect a number'),
    phoneNumberId.row,
    display.row,
    token.row,
    connect,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busy(connect, () =>
      api('PUT', '/v1/whatsapp-channel', {
        phoneNumberId: phoneNumberId.input.value,
        ...(display.input.value ? { displayPhoneNumber: display.input.value } : {}),
        ...(token.input.value ? { accessToken: token.input.value } : {}),
      }).then(reload(page.channel ? 'Saved.' : 'Connected.'), result.fail),
    );
  });

  const to = field('Send a test message to', 'test-to', { placeholder: '+351 912 345 678' });
  const testButton = h('button', { type: 'button', id: 'send-test' }, 'Send test message');
  testButton.addEventListener('click', () => {
    void busy(testButton, () =>
      api<{ status: string; error: string | null }>('POST', '/v1/whatsapp-channel/test-message', {
        to: to.input.value,
      }).then(reload(), result.fail),
    );
  });
  const last = page.lastDelivery;
  render(
    main,
    h('h1', {}, 'WhatsApp'),
    h(
      'p',
      { class: page.channel ? 'ok' : 'muted', id: 'channel-status' },
      page.channel
        ? `Connected: ${page.channel.displayPhoneNumber ? `+${page.channel.displayPhoneNumber}` : page.channel.phoneNumberId} since ${when(page.channel.connectedAt)}`
        : 'No number connected yet.',
    ),
    form,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'meta-title' },
      h('h2', { id: 'meta-title' }, 'In Meta: WhatsApp → Configuration → Webhook'),
      h(
        'dl',
        {},
        h('dt', {}, 'Callback URL'),
        h('dd', {}, h('code', { id: 'webhook-url' }, page.webhookUrl)),
      ),
      h(
        'dl',
        {},
        h('dt', {}, 'Verify token'),
        h(
          'dd',
          {},
          page.verifyToken
            ? h('code', { id: 'verify-token' }, page.verifyToken)
            : h(
                'span',
                { class: 'error' },
                'Not configured on the server (WHATSAPP_VERIFY_TOKEN).',
              ),
        ),
      ),
      h('p', { class: 'muted' }, 'Subscribe the webhook to the "messages" field.'),
    ),
    page.channel
      ? h(
          'section',
          { class: 'card', 'aria-labelledby': 'test-title' },
          h('h2', { id: 'test-title' }, 'Test'),
          to.row,
          testButton,
          h(
            'p',
            { id: 'last-delivery', class: last?.status === 'failed' ? 'error' : 'muted' },
            last
              ? `Last message (${last.kind.replace(/_/g, ' ')}) to +${last.to}: ${last.status}${last.error ? ` — ${last.error}` : ''} · ${when(last.at)}`
              : 'Nothing sent yet.',
          ),
        )
      : null,
    result.el,
  );
}
