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
  String.raw`^[\s,(-]{0,3}(?:${alt(Object.values(AFTER_AMOUNT).flat())})(?![\p{L}\d])`,
  'u',
);
const ANYWHERE_PATTERN = rx(
  String.raw`${WORD_START}(?:[وفبل]?)(?:${alt(Object.values(ANYWHERE).flat())})${WORD_END}`,
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
