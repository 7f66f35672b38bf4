import type { PlanLimit } from '../api';
import { h } from '../dom';

const PLAN_NAMES: Record<string, string> = {
  starter: 'Starter',
  pro: 'Pro',
  business: 'Business',
  enterprise: 'Enterprise',
};

/** The 402 `plan_limit` answer as a banner: what hit the limit and which plan lifts it. */
export function planLimitNotice(limit: PlanLimit): HTMLElement {
  const to = limit.upgrade_to ? (PLAN_NAMES[limit.upgrade_to] ?? limit.upgrade_to) : undefined;
  return h(
    'div',
    { class: 'notice plan-limit', id: 'plan-limit' },
    h('strong', {}, 'Plan limit reached. '),
    limit.message,
    ' ',
    to
      ? h('a', { href: '#/billing' }, `Upgrade to ${to}`)
      : h('span', {}, 'Contact us for a larger plan.'),
  );
}
