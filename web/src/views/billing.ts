import { api } from '../api';
import { h, render } from '../dom';
import { busy, feedback, when } from '../ui';

interface Billing {
  plan: string;
  planName: string;
  access: string;
  graceEndsAt: string | null;
  subscription: {
    status: string;
    currentPeriodEnd: string | null;
    cancelAtPeriodEnd: boolean;
    managedByStripe: boolean;
  };
  period: { start: string; end: string };
  limits: Record<string, number | null>;
  usage: Record<string, number>;
}

const UPGRADES: Record<string, Array<'pro' | 'business'>> = {
  starter: ['pro', 'business'],
  pro: ['business'],
};

/** The plan, its status and period, usage against each limit; Checkout and the Portal. */
export async function billingView(main: HTMLElement): Promise<void> {
  const b = await api<Billing>('GET', '/v1/billing');
  const result = feedback();
  const go = (path: string, body?: unknown) => (button: HTMLButtonElement) =>
    void busy(button, () =>
      api<{ url: string }>('POST', path, body).then((r) => {
        location.href = r.url;
      }, result.fail),
    );
  const button = (label: string, act: (b: HTMLButtonElement) => void, primary = false) => {
    const el = h('button', { type: 'button', class: primary ? 'primary' : '' }, label);
    el.addEventListener('click', () => act(el));
    return el;
  };
  render(
    main,
    h('h1', {}, 'Billing'),
    h(
      'section',
      { class: 'card' },
      h(
        'h2',
        {},
        `${b.planName} plan`,
        ' ',
        h(
          'span',
          { class: `status ${b.subscription.status}` },
          b.subscription.status.replace(/_/g, ' '),
        ),
      ),
      h(
        'p',
        {},
        `This period: ${when(b.period.start)} – ${when(b.period.end)}`,
        b.subscription.cancelAtPeriodEnd ? ' · cancels at the end of the period' : '',
        b.graceEndsAt ? ` · payment overdue, read-only after ${when(b.graceEndsAt)}` : '',
      ),
      h(
        'div',
        { class: 'usage' },
        ...Object.entries(b.limits).map(([limit, max]) => {
          const used = b.usage[limit] ?? 0;
          const label = limit.replace(/_/g, ' ');
          return h(
            'div',
            { class: 'usage-row' },
            h('label', { for: `usage-${limit}` }, `${label}: ${used} of ${max ?? 'unlimited'}`),
            max
              ? h('meter', {
                  id: `usage-${limit}`,
                  min: 0,
                  max,
                  value: Math.min(used, max),
                  high: max * 0.8,
                  optimum: 0,
                })
              : h('span', { class: 'muted', id: `usage-${limit}` }, 'no limit'),
          );
        }),
      ),
    ),
    h(
      'div',
      { class: 'actions' },
      ...(UPGRADES[b.plan] ?? []).map((plan, i) =>
        button(
          `Upgrade to ${plan === 'pro' ? 'Pro' : 'Business'}`,
          go('/v1/billing/checkout', { plan }),
          i === 0,
        ),
      ),
      b.subscription.managedByStripe ? button('Manage billing', go('/v1/billing/portal')) : null,
    ),
    result.el,
  );
}
