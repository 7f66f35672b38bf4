import { LINK_PLACEHOLDER } from '../../domain/draft';
import { flagId, type CheckFlag, type CheckTarget } from './types';

/**
 * Each platform's published limits. X counts "weighted" characters (twitter-text v3: most
 * scripts, Arabic included, weigh 1; CJK and emoji 2; every URL 23, being shortened to t.co).
 * Elsewhere the link placeholder is counted as a long URL so the real link still fits.
 */
export const PLATFORM_LIMITS_VERSION = '2026-11.1';

export const PLATFORM_LIMITS = {
  x: { maxLength: 280 },
  instagram: { maxLength: 2200, maxHashtags: 30 },
  facebook: { maxLength: 63_206 },
  linkedin: { maxLength: 3000 },
} as const;

/** Lengths that are not a platform's rule but make a poor draft. */
const SOFT_LIMITS = { title: 100, description_short: 320 } as const;

const X_URL_LENGTH = 23;
const ASSUMED_URL_LENGTH = 100;

const WEIGHT_ONE: ReadonlyArray<[number, number]> = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
];
const EMOJI = /\p{Extended_Pictographic}/u;
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** Length as X counts it (twitter-text v3 weighting, NFC, URLs and the placeholder as 23). */
export function xLength(text: string): number {
  const parts = text.normalize('NFC').split(LINK_PLACEHOLDER);
  const urls: string[] = [];
  const rest = parts.join('').replace(/https?:\/\/\S+/g, (url) => {
    urls.push(url);
    return '';
  });
  let length = (parts.length - 1 + urls.length) * X_URL_LENGTH;
  for (const { segment } of segmenter.segment(rest)) {
    if (EMOJI.test(segment)) {
      length += 2;
      continue;
    }
    for (const ch of segment) {
      const code = ch.codePointAt(0) ?? 0;
      length += WEIGHT_ONE.some(([lo, hi]) => code >= lo && code <= hi) ? 1 : 2;
    }
  }
  return length;
}

/** Characters as the other platforms count them (code points), with room left for the link. */
export function plainLength(text: string): number {
  const links = text.split(LINK_PLACEHOLDER).length - 1;
  return [...text.split(LINK_PLACEHOLDER).join('')].length + links * ASSUMED_URL_LENGTH;
}

export function countHashtags(text: string): number {
  return text.match(/(?:^|[^\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu)?.length ?? 0;
}

export function checkPlatformLimits(target: CheckTarget): CheckFlag[] {
  const flags: CheckFlag[] = [];
  const flag = (rule: string, severity: CheckFlag['severity'], message: string, reason: string) =>
    flags.push({
      id: flagId(rule),
      check: 'platform_limits',
      version: PLATFORM_LIMITS_VERSION,
      rule,
      severity,
      message,
      reason,
    });
  const { content } = target;

  if (!content.trim()) flag('text.empty', 'blocking', 'The text is empty.', 'Nothing to publish.');
  const leftover = content.replace(LINK_PLACEHOLDER, '').match(/\{\{[^}]*\}\}/);
  if (leftover) {
    flag(
      'text.placeholder',
      'blocking',
      `Unfilled placeholder ${leftover[0]}.`,
      `Only ${LINK_PLACEHOLDER} is filled in when publishing.`,
    );
  }

  if (target.kind === 'social' && target.platform) {
    const platform = target.platform;
    const limits = PLATFORM_LIMITS[platform];
    const length = platform === 'x' ? xLength(content) : plainLength(content);
    if (length > limits.maxLength) {
      flag(
        `${platform}.length`,
        'blocking',
        `${length} characters; ${platformName(platform)} allows ${limits.maxLength}.`,
        platform === 'x'
          ? 'X counts links as 23 characters and emoji and CJK characters as 2.'
          : `Counted with ${ASSUMED_URL_LENGTH} characters for the link.`,
      );
    }
    if ('maxHashtags' in limits) {
      const tags = countHashtags(content);
      if (tags > limits.maxHashtags) {
        flag(
          `${platform}.hashtags`,
          'blocking',
          `${tags} hashtags; ${platformName(platform)} allows ${limits.maxHashtags}.`,
          'Instagram rejects captions with more than 30 hashtags.',
        );
      }
    }
    if (!content.includes(LINK_PLACEHOLDER)) {
      flag(
        'link.missing',
        'warning',
        `No ${LINK_PLACEHOLDER}: the post will not link to the listing.`,
        'The publish step puts the listing URL where the placeholder is.',
      );
    }
  } else if (target.kind === 'title' || target.kind === 'description_short') {
    const max = SOFT_LIMITS[target.kind];
    const length = [...content].length;
    if (length > max) {
      flag(
        `${target.kind}.length`,
        'warning',
        `${length} characters; keep it under ${max}.`,
        'Portals and search results cut longer text.',
      );
    }
  }
  return flags;
}

function platformName(platform: keyof typeof PLATFORM_LIMITS): string {
  return { x: 'X', instagram: 'Instagram', facebook: 'Facebook', linkedin: 'LinkedIn' }[platform];
}
