import { AppError } from './errors';
import type { Denial } from '../lib/billing/entitlements';
import { PLANS } from '../lib/billing/plans';

/**
 * 402: the agency's plan does not allow this. The body says which limit, how much is used, the
 * plan in force and the cheapest plan that would allow it, so a client can show an upgrade
 * prompt without knowing the plan table:
 * `{ error: { code: 'plan_limit', limit, used, max, plan, upgrade_to, reason, message } }`.
 */
export class PlanLimitError extends AppError {
  constructor(readonly denial: Denial) {
    const { limit, used, max, plan, upgrade_to, reason } = denial;
    super(402, 'plan_limit', messageFor(denial), { limit, used, max, plan, upgrade_to, reason });
  }
}

function messageFor(d: Denial): string {
  const plan = PLANS[d.plan].name;
  if (d.reason === 'read_only')
    return 'The subscription payment is overdue, so the agency is read-only until it is paid';
  const upgrade = d.upgrade_to ? ` Upgrade to ${PLANS[d.upgrade_to].name} for more.` : '';
  if (d.reason === 'not_in_plan')
    return `${d.limit} is not included in the ${plan} plan.${upgrade}`;
  return `The ${plan} plan allows ${String(d.max)} ${d.limit.replace(/_/g, ' ')}.${upgrade}`;
}
