import type { Middleware } from 'koa';
import { z } from 'zod';
import type { AppState } from '../../state';
import { scope } from '../../scope';
import { validate } from '../../validate';
import { TABLES, type Tx } from '../../../lib/db';
import { LANGUAGES } from '../../../lib/domain/listing';
import { reviewPolicyOf } from '../../../lib/review/policy';

/**
 * The agency's settings in the words of the settings page, stored where their readers look:
 * `default_language`, `settings.drafting` (currency, second language, country) and
 * `settings.review` (minutes, which the review timers read).
 */
export const SettingsBody = z
  .object({
    language: z.enum(LANGUAGES),
    secondLanguage: z.enum(LANGUAGES).nullable(),
    reviewReminderHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 14),
    reviewExpiryDays: z.number().int().min(1).max(90),
    defaultCurrency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'Use a three-letter ISO 4217 code, e.g. EUR')
      .nullable(),
    defaultCountry: z
      .string()
      .regex(/^[A-Z]{2}$/, 'Use a two-letter ISO 3166 code, e.g. PT')
      .nullable(),
  })
  .partial()
  .refine((b) => !b.secondLanguage || b.secondLanguage !== b.language, {
    message: 'The second language must differ from the first',
    path: ['secondLanguage'],
  })
  .refine(
    (b) =>
      !b.reviewReminderHours ||
      !b.reviewExpiryDays ||
      b.reviewReminderHours < b.reviewExpiryDays * 24,
    { message: 'The reminder must come before the listing expires', path: ['reviewReminderHours'] },
  );

interface AgencyRow {
  default_language: string;
  settings: {
    drafting?: { currency?: string; secondLanguage?: string; country?: string };
    review?: { remindAfterMinutes?: number; expireAfterMinutes?: number };
  } & Record<string, unknown>;
}

const load = (tx: Tx, agencyId: string): Promise<AgencyRow | undefined> =>
  tx(TABLES.agencies)
    .where({ id: agencyId })
    .first<AgencyRow | undefined>('default_language', 'settings');

function present(row: AgencyRow) {
  const review = reviewPolicyOf(row.settings);
  return {
    language: row.default_language,
    secondLanguage: row.settings.drafting?.secondLanguage ?? null,
    reviewReminderHours: Math.round(review.remindAfterMs / 3_600_000),
    reviewExpiryDays: Math.round(review.expireAfterMs / 86_400_000),
    defaultCurrency: row.settings.drafting?.currency ?? null,
    defaultCountry: row.settings.drafting?.country ?? null,
  };
}

/** GET /v1/agency/settings */
export const getAgencySettings: Middleware<AppState> = async (ctx) => {
  const { tx, principal } = scope(ctx);
  ctx.body = present((await load(tx, principal.agencyId))!);
};

/** PATCH /v1/agency/settings: only the fields sent change. */
export const patchAgencySettings: Middleware<AppState> = async (ctx) => {
  const { tx, principal, audit } = scope(ctx);
  const body = validate(SettingsBody, ctx.request.body);
  const row = (await load(tx, principal.agencyId))!;
  const current = present(row);
  const next = { ...current, ...body };
  const drafting = { ...row.settings.drafting };
  const set = (key: 'secondLanguage' | 'currency' | 'country', value: string | null) => {
    if (value === null) delete drafting[key];
    else drafting[key] = value;
  };
  set('secondLanguage', next.secondLanguage);
  set('currency', next.defaultCurrency);
  set('country', next.defaultCountry);
  const settings = {
    ...row.settings,
    drafting,
    review: {
      remindAfterMinutes: next.reviewReminderHours * 60,
      expireAfterMinutes: next.reviewExpiryDays * 24 * 60,
    },
  };
  await tx(TABLES.agencies)
    .where({ id: principal.agencyId })
    .update({
      default_language: next.language,
      settings: JSON.stringify(settings),
      updated_at: new Date(),
    });
  await audit({
    action: 'agency.settings_changed',
    target: { type: 'agency', id: principal.agencyId },
    data: { changed: Object.keys(body) },
  });
  ctx.body = next;
};
