import type { RentPeriod } from '../../domain/listing';
import { alt, rx, WORD_END, WORD_START } from './text';

/**
 * How often rent is paid, from the words right after an amount ("$875/mo", "KES 50,000 per
 * month", "2.500.000 mensuales", "٥٠ الف سنويا") or anywhere in the text ("monthly rent",
 * "arriendo mensual", "ايجار سنوي").
 */

/** Phrases that follow an amount. Short forms ("pm", "/mo") only count there. */
const AFTER_AMOUNT: Record<RentPeriod, readonly string[]> = {
  monthly: [
    '/mo',
    '/mon',
    '/ mo',
    '/month',
    '/mes',
    '/m',
    'p/m',
    'pm',
    'p.m.',
    'pcm',
    'per month',
    'per mo',
    'a month',
    'a mo',
    'each month',
    'every month',
    'month',
    'monthly',
    'mo',
    'mensual',
    'mensuales',
    'al mes',
    'cada mes',
    'ao mes',
    'mensal',
    'mensais',
    'por mes',
    // French, in Quebec and Moroccan listings.
    '/mois',
    'par mois',
    // "R$ 3.900 pacote": a Brazilian rent quoted with the condo fee and IPTU, by the month.
    'pacote',
    'شهري',
    'شهريا',
    'الشهري',
    'بالشهر',
    'في الشهر',
    'كل شهر',
  ],
  yearly: [
    '/yr',
    '/year',
    '/ano',
    'per year',
    'per annum',
    'a year',
    'each year',
    'yearly',
    'annually',
    'annual',
    'p.a.',
    'anual',
    'anuales',
    'al ano',
    'por ano',
    'ao ano',
    'سنوي',
    'سنويا',
    'سنويه',
    'السنوي',
    'بالسنه',
    'في السنه',
    'كل سنه',
  ],
  weekly: [
    '/wk',
    '/week',
    'pw',
    'p/w',
    'p.w.',
    'per week',
    'a week',
    'weekly',
    'semanal',
    'semanales',
    'por semana',
    'a la semana',
    'اسبوعي',
    'اسبوعيا',
    'بالاسبوع',
    'في الاسبوع',
  ],
  daily: [
    '/night',
    '/day',
    'per night',
    'per day',
    'a night',
    'nightly',
    'daily',
    'por noche',
    'por dia',
    'la noche',
    'diaria',
    'diario',
    'diarias',
    'يومي',
    'يوميا',
    'باليوم',
    'لليله',
    'الليله',
  ],
};

/** Phrases that name a rent period wherever they stand. */
const ANYWHERE: Record<RentPeriod, readonly string[]> = {
  monthly: [
    'per month',
    'monthly rent',
    'rent per month',
    'month to month',
    'month-to-month',
    'arriendo mensual',
    'canon mensual',
    'renta mensual',
    'alquiler mensual',
    'aluguel mensal',
    'ايجار شهري',
    'الايجار الشهري',
    'شهريا',
    'دفع شهري',
  ],
  yearly: [
    'per year',
    'per annum',
    'yearly rent',
    'annual rent',
    'arriendo anual',
    'aluguel anual',
    'ايجار سنوي',
    'الايجار السنوي',
    'سنويا',
    'بالسنه',
  ],
  weekly: ['per week', 'weekly rent', 'por semana', 'بالاسبوع'],
  daily: ['per night', 'nightly', 'por noche', 'لليله'],
};

function table(phrases: Record<RentPeriod, readonly string[]>): Map<string, RentPeriod> {
  const map = new Map<string, RentPeriod>();
  for (const [period, list] of Object.entries(phrases) as [RentPeriod, readonly string[]][]) {
    for (const phrase of list) map.set(phrase.replace(/\s+/g, ''), period);
  }
  return map;
}

const AFTER_TABLE = table(AFTER_AMOUNT);
const ANYWHERE_TABLE = table(ANYWHERE);

const AFTER_PATTERN = new RegExp(
  String.raw`^(?:[^\S\n]|[,(-]){0,3}(?:${alt(Object.values(AFTER_AMOUNT).flat())})(?![\p{L}\d])`,
  'u',
);
const ANYWHERE_PATTERN = rx(
  String.raw`${WORD_START}(?:[وفبل]?)(?:${alt(Object.values(ANYWHERE).flat())})${WORD_END}`,
);

/**
 * Phrases that lead an amount: "monthly 6,500 AED", "yearly: 95k", "mensual $800.000". Only
 * the words that name a period outright, right before the amount ("monthly fee $300" has a
 * noun between them, so it is not read).
 */
const BEFORE_AMOUNT: Record<RentPeriod, readonly string[]> = {
  monthly: ['monthly', 'per month', 'monthly rent', 'rent per month', 'mensual', 'mensal', 'شهريا'],
  yearly: ['yearly', 'annually', 'per annum', 'annual rent', 'yearly rent', 'anual', 'سنويا'],
  weekly: ['weekly', 'per week', 'weekly rent'],
  daily: ['nightly', 'per night'],
};
const BEFORE_TABLE = table(BEFORE_AMOUNT);
const BEFORE_PATTERN = new RegExp(
  String.raw`(?<![\p{L}\d])(?<phrase>${alt(Object.values(BEFORE_AMOUNT).flat())})[^\S\n]*:?[^\S\n]*$`,
  'u',
);

export interface PeriodMention {
  period: RentPeriod;
  start: number;
  end: number;
}

function lookup(map: Map<string, RentPeriod>, phrase: string): RentPeriod | undefined {
  return (
    map.get(phrase.replace(/[\s,(-]+/g, '').replace(/^[وفبل](?=.)/, '')) ??
    map.get(phrase.replace(/\s+/g, ''))
  );
}

/** The period written right after an amount that ends at `index`, if any. */
export function periodAfter(folded: string, index: number): PeriodMention | null {
  const match = AFTER_PATTERN.exec(folded.slice(index, index + 24));
  if (!match) return null;
  const lead = /^[\s,(-]*/.exec(match[0])?.[0].length ?? 0;
  const period = lookup(AFTER_TABLE, match[0].slice(lead));
  return period ? { period, start: index + lead, end: index + match[0].length } : null;
}

/** Every period phrase that stands on its own in the text. */
export function periodMentions(folded: string): PeriodMention[] {
  const mentions: PeriodMention[] = [];
  for (const match of folded.matchAll(ANYWHERE_PATTERN)) {
    const period = lookup(ANYWHERE_TABLE, match[0]);
    if (period) mentions.push({ period, start: match.index, end: match.index + match[0].length });
  }
  return mentions;
}

/** The period written right before an amount (or its currency) that starts at `index`, if any. */
export function periodBefore(folded: string, index: number): PeriodMention | null {
  const from = Math.max(0, index - 24);
  const match = BEFORE_PATTERN.exec(folded.slice(from, index));
  if (!match) return null;
  const phrase = match.groups?.phrase ?? '';
  const period = lookup(BEFORE_TABLE, phrase);
  const start = from + match.index;
  return period ? { period, start, end: start + phrase.length } : null;
}
