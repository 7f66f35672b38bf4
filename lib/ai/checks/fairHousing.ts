import { fold, AR_PREFIX, WORD_END, WORD_START } from '../extraction/text';
import {
  FAIR_HOUSING_ALLOWED,
  FAIR_HOUSING_CATALOGUE_VERSION,
  FAIR_HOUSING_RULES,
  type FairHousingPattern,
  type FairHousingRule,
} from './fairHousingCatalogue';
import { flagId, type CheckFlag, type CheckTarget } from './types';

/**
 * Runs the fair-housing catalogue over a text. Every language's rules run on every text:
 * agents mix languages, and an English phrase in a Spanish post is still a problem. Matching
 * is on the folded text, which keeps offsets, so each flag's span is the agent-visible words.
 */

/** Folds the letters of a pattern as the text is folded; ASCII (and so regex syntax) stays. */
const foldLetters = (source: string) =>
  [...source].map((c) => (c.charCodeAt(0) > 127 ? fold(c) : c)).join('');

/**
 * A space in a pattern matches any run of spaces or hyphens ("Section-8", "able bodied"); a
 * space inside a character class stays a space.
 */
function spacesAsGaps(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source.charAt(i);
    if (c === '\\') {
      out += c + source.charAt(++i);
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    out += c === ' ' && !inClass ? String.raw`[\s-]+` : c;
  }
  return out;
}

/**
 * A possessive names a thing, not people: "no children's toys", "no students' parking". (A
 * closing quote before a word looks the same; ads quote with double quotes far more often.)
 */
const NOT_POSSESSIVE = String.raw`(?!'s(?![\p{L}\p{N}]))(?!' \p{L})`;

const compile = (source: string) =>
  new RegExp(
    `${WORD_START}${AR_PREFIX}(?:${spacesAsGaps(foldLetters(source))})${WORD_END}${NOT_POSSESSIVE}`,
    'gu',
  );

interface CompiledPattern {
  pattern: RegExp;
  onlyIf?: RegExp;
}

const compilePattern = (p: FairHousingPattern): CompiledPattern =>
  typeof p === 'string'
    ? { pattern: compile(p) }
    : { pattern: compile(p.source), onlyIf: compile(p.onlyIf) };

const RULES: ReadonlyArray<{ rule: FairHousingRule; patterns: CompiledPattern[] }> =
  FAIR_HOUSING_RULES.map((rule) => ({ rule, patterns: rule.patterns.map(compilePattern) }));
const ALLOWED = FAIR_HOUSING_ALLOWED.map(compile);

export function checkFairHousing(target: CheckTarget): CheckFlag[] {
  const raw = target.content;
  let folded = fold(raw);
  // Mask lawful phrases with spaces of the same length: offsets stay valid.
  for (const allowed of ALLOWED) {
    folded = folded.replace(allowed, (m) => ' '.repeat(m.length));
  }
  const flags: CheckFlag[] = [];
  const flagged: Array<[number, number]> = [];
  for (const { rule, patterns } of RULES) {
    const seen = new Set<number>();
    for (const { pattern, onlyIf } of patterns) {
      if (onlyIf && folded.search(onlyIf) < 0) continue;
      for (const match of folded.matchAll(pattern)) {
        // The clitic prefix is part of the match but not of the phrase an operator reads.
        const start = match.index;
        if (seen.has(start)) continue;
        seen.add(start);
        const end = start + match[0].length;
        // The same words are one problem, reported by the most specific rule (listed first).
        if (flagged.some(([s, e]) => start < e && end > s)) continue;
        flagged.push([start, end]);
        const span = { start, end, text: raw.slice(start, end) };
        flags.push({
          id: flagId(rule.id, span),
          check: 'fair_housing',
          version: FAIR_HOUSING_CATALOGUE_VERSION,
          rule: rule.id,
          severity: rule.severity,
          message: `"${span.text}" ${rule.severity === 'blocking' ? 'excludes or prefers people' : 'may exclude or prefer people'} by ${rule.protectedClass.replace(/_/g, ' ')}.`,
          reason: rule.reason,
          span,
        });
      }
    }
  }
  flags.sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
  return flags;
}
