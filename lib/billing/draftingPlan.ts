import type { Queryable } from '../db';
import { TABLES } from '../db';
import { recordAudit } from '../audit/auditLog';
import type { Denial } from './entitlements';
import { PLANS } from './plans';
import { recordUsage } from './usage';

/**
 * What the plan left out of a listing's drafts. The drafting steps never fail a listing over
 * the plan: they do what the plan includes and record what they skipped on the listing
 * (`listings.extras.planSkips`, keyed by the limit, shown by GET /v1/listings/:id) and once in
 * its timeline (the dashboard's "plan skipped: ..." line), so an operator sees why Starter's
 * listing has no captions or one social post, and what upgrading would add.
 */
export type PlanSkipLimit = 'photo_ai' | 'social_platforms' | 'languages_per_listing';

export interface PlanSkip {
  limit: PlanSkipLimit;
  reason: Denial['reason'];
  plan: Denial['plan'];
  upgrade_to: Denial['upgrade_to'];
  /** What was left out: platforms, languages, or `photo_analysis`. */
  skipped: string[];
  message: string;
}

const WHAT: Record<PlanSkipLimit, (skipped: string[], d: Denial) => string> = {
  photo_ai: () =>
    'Photo analysis (captions, room tags) is not included; photos are measured, ordered and numbered',
  social_platforms: (skipped, d) =>
    `Social copy for ${skipped.join(', ')} skipped: ${String(d.max)} social platform${d.max === 1 ? '' : 's'} per listing`,
  languages_per_listing: (skipped, d) =>
    `Copy in ${skipped.join(', ')} skipped: ${String(d.max)} language${d.max === 1 ? '' : 's'} per listing`,
};

export function planSkip(limit: PlanSkipLimit, denial: Denial, skipped: string[]): PlanSkip {
  const plan = PLANS[denial.plan].name;
  const upgrade = denial.upgrade_to ? ` Upgrade to ${PLANS[denial.upgrade_to].name} for it.` : '';
  const message =
    denial.reason === 'read_only'
      ? `${WHAT[limit](skipped, denial)}: the subscription payment is overdue.`
      : `${WHAT[limit](skipped, denial)} on the ${plan} plan.${upgrade}`;
  return {
    limit,
    reason: denial.reason,
    plan: denial.plan,
    upgrade_to: denial.upgrade_to,
    skipped,
    message,
  };
}

/**
 * Records `skip` on the listing (or clears that limit's note when null: a re-draft after an
 * upgrade includes it). The timeline gets one entry per listing and limit, so a retried or
 * repeated step does not repeat it.
 */
export async function notePlanSkip(
  tx: Queryable,
  agencyId: string,
  listingId: string,
  limit: PlanSkipLimit,
  skip: PlanSkip | null,
): Promise<void> {
  await tx(TABLES.listings)
    .where({ id: listingId })
    .update({
      extras: skip
        ? tx.raw(
            `jsonb_set(extras, '{planSkips}', coalesce(extras->'planSkips', '{}'::jsonb) || ?::jsonb)`,
            [JSON.stringify({ [limit]: skip })],
          )
        : tx.raw(`extras #- ?::text[]`, [`{planSkips,${limit}}`]),
    });
  if (!skip) return;
  const noted = await tx(TABLES.auditLog)
    .where({ target_type: 'listing', target_id: listingId, action: 'listing.plan_skipped' })
    .whereRaw(`data->>'limit' = ?`, [limit])
    .first<{ id: string } | undefined>('id');
  if (noted) return;
  await recordAudit(tx, {
    agencyId,
    actor: { type: 'system' },
    action: 'listing.plan_skipped',
    target: { type: 'listing', id: listingId },
    data: { limit, skipped: skip.skipped, plan: skip.plan, reason: skip.message },
  });
}

/**
 * Meters AI generations: one `ai_generation` usage record per provider call. `activity` names
 * the activity attempt's place in its workflow run (run id and activity id, which Temporal
 * keeps across retries), so a retried activity meters its calls once, and a re-draft (a new
 * activity) meters again.
 */
export async function meterGenerations(
  tx: Queryable,
  agencyId: string,
  activity: { runId: string; activityId: string },
  calls: number,
): Promise<void> {
  for (let i = 0; i < calls; i++) {
    await recordUsage(
      tx,
      agencyId,
      'ai_generation',
      `${activity.runId}:${activity.activityId}:${String(i)}`,
    );
  }
}
