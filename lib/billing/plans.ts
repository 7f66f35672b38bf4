import { z } from 'zod';

/**
 * What each plan lets an agency do, in code. Every field of the schema defaults to the lowest
 * plan (Starter), so a plan lists only what it adds, and a limit nobody thought about for a
 * new plan is the safe one rather than "unlimited".
 */

export const PLAN_IDS = ['starter', 'pro', 'business', 'enterprise'] as const;
export const PlanIdSchema = z.enum(PLAN_IDS);
export type PlanId = z.infer<typeof PlanIdSchema>;

/** `null` is "no limit" (Enterprise, by contract). */
const count = (starter: number) => z.number().int().nonnegative().nullable().default(starter);
const feature = z.boolean().default(false);

export const EntitlementsSchema = z.object({
  /** Listings created per billing period (metered in `usage_records`). */
  listings_per_month: count(10),
  /** Listings that are not rejected, expired or archived. Beyond it, the newest are read-only. */
  active_listings: count(25),
  /** People in the agency (owners, admins, agents) who are not disabled. */
  users: count(3),
  whatsapp_numbers: count(1),
  wordpress_sites: count(1),
  /** Languages a listing's copy is generated in. */
  languages_per_listing: count(1),
  /** Social platforms a listing gets copy for. */
  social_platforms: count(1),
  api_keys: count(1),
  /** Photo analysis by the AI provider: captions, room tags, cover choice. */
  photo_ai: feature,
  /** The companion plugin's `property` post type (Starter publishes plain posts). */
  property_mapping: feature,
  /** Business features reserved for later. */
  crm: feature,
  payments: feature,
  /** Days a past-due subscription keeps its plan before the agency becomes read-only. */
  past_due_grace_days: z.number().int().nonnegative().default(0),
});
export type Entitlements = z.infer<typeof EntitlementsSchema>;

type Keys<T, V> = { [K in keyof T]-?: T[K] extends V ? K : never }[keyof T];
export type LimitName = Exclude<Keys<Entitlements, number | null>, 'past_due_grace_days'>;
export type FeatureName = Keys<Entitlements, boolean>;

export const LIMIT_NAMES = [
  'listings_per_month',
  'active_listings',
  'users',
  'whatsapp_numbers',
  'wordpress_sites',
  'languages_per_listing',
  'social_platforms',
  'api_keys',
] as const satisfies readonly LimitName[];
export const FEATURE_NAMES = [
  'photo_ai',
  'property_mapping',
  'crm',
  'payments',
] as const satisfies readonly FeatureName[];

export interface Plan {
  id: PlanId;
  name: string;
  /** Bought through Checkout; Enterprise is sold by contract and set by Stripe price only. */
  selfServe: boolean;
  entitlements: Entitlements;
}

const plan = (
  id: PlanId,
  name: string,
  selfServe: boolean,
  e: z.input<typeof EntitlementsSchema>,
) => ({ id, name, selfServe, entitlements: EntitlementsSchema.parse(e) }) satisfies Plan;

export const PLANS: Readonly<Record<PlanId, Plan>> = {
  starter: plan('starter', 'Starter', false, {}),
  pro: plan('pro', 'Pro', true, {
    listings_per_month: 100,
    active_listings: 250,
    users: 10,
    whatsapp_numbers: 2,
    wordpress_sites: 3,
    languages_per_listing: 3,
    social_platforms: 4,
    api_keys: 5,
    photo_ai: true,
    property_mapping: true,
    past_due_grace_days: 7,
  }),
  business: plan('business', 'Business', true, {
    listings_per_month: 500,
    active_listings: 2000,
    users: 50,
    whatsapp_numbers: 10,
    wordpress_sites: 10,
    languages_per_listing: 10,
    social_platforms: null,
    api_keys: 25,
    photo_ai: true,
    property_mapping: true,
    crm: true,
    payments: true,
    past_due_grace_days: 14,
  }),
  enterprise: plan('enterprise', 'Enterprise', false, {
    listings_per_month: null,
    active_listings: null,
    users: null,
    whatsapp_numbers: null,
    wordpress_sites: null,
    languages_per_listing: null,
    social_platforms: null,
    api_keys: null,
    photo_ai: true,
    property_mapping: true,
    crm: true,
    payments: true,
    past_due_grace_days: 30,
  }),
};

/** Plans from the lowest up; upgrade prompts walk this order. */
export const PLAN_ORDER: readonly PlanId[] = PLAN_IDS;

export const limitsFor = (id: PlanId): Entitlements => PLANS[id].entitlements;

const isFeature = (name: LimitName | FeatureName): name is FeatureName =>
  (FEATURE_NAMES as readonly string[]).includes(name);

/** Whether `value` of a limit admits `amount` (a total, not an increment). */
export const admits = (max: number | null, amount: number): boolean =>
  max === null || amount <= max;

/**
 * Plans (lowest first) that allow a feature, or that allow `amount` of a limit
 * (default: more than Starter's), for "available on Pro and Business" prompts.
 */
export function plansThatAllow(name: LimitName | FeatureName, amount?: number): PlanId[] {
  return PLAN_ORDER.filter((id) => {
    const e = limitsFor(id);
    if (isFeature(name)) return e[name];
    const starter = limitsFor('starter')[name];
    return admits(e[name], amount ?? (starter === null ? 0 : starter + 1));
  });
}

/**
 * The cheapest plan above `from` that gives more of `name` (at least `amount` when given), or
 * null when no plan does. Enterprise counts: the answer is then "talk to sales".
 */
export function upgradeFor(
  name: LimitName | FeatureName,
  from: PlanId = 'starter',
  amount?: number,
): PlanId | null {
  const current = limitsFor(from);
  const above = PLAN_ORDER.slice(PLAN_ORDER.indexOf(from) + 1);
  const better = above.find((id) => {
    const e = limitsFor(id);
    if (isFeature(name)) return e[name] && !current[name];
    const now = current[name];
    const next = e[name];
    const more = now !== null && (next === null || next > now);
    return more && (amount === undefined || admits(next, amount));
  });
  return better ?? null;
}
