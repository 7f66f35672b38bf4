import type { ExtractedField } from '../../domain/listing';
import { alt, AR_PREFIX, evidence, rx, type Doc } from './text';

/**
 * The year the building was finished, only when the text says so: "built in 1998", "year
 * built: 2005", "construido en 2010", "construída em 2015", "بناء عام 2018". An age ("29
 * años", "عمر 5 سنوات") would need today's date, so it is not turned into a year.
 */

const LEADS = [
  'built in',
  'built',
  'year built',
  'construction year',
  'completed in',
  'construido en',
  'construida en',
  'construccion',
  'ano de construccion',
  'construido em',
  'construida em',
  'ano de construcao',
  'بناء عام',
  'بني عام',
  'سنه البناء',
  'تاريخ البناء',
];

const PATTERN = rx(
  String.raw`(?<![\p{L}])${AR_PREFIX}(?:${alt(LEADS)})\s*[:\-]?\s*(?<year>1[89]\d\d|20\d\d)(?!\d)`,
);

export function extractYearBuilt(doc: Doc): { YearBuilt?: ExtractedField<number> } {
  for (const match of doc.folded.matchAll(PATTERN)) {
    const year = Number(match.groups?.year);
    if (!Number.isInteger(year)) continue;
    return {
      YearBuilt: {
        value: year,
        evidence: evidence(doc, match.index, match.index + match[0].length),
        confidence: 0.9,
      },
    };
  }
  return {};
}
