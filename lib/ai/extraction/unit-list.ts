/**
 * A development's price list names each unit at the start of its line ("Unit A: 2 bed,
 * $489,000", "Unidad 3 - ...", "Casa B: ..."). When the first line says which one the agent
 * is sending ("Unit B is the one for your client"), that unit's line holds the listing's
 * price and rooms; the other lines describe other units. Works on the folded text.
 */

export interface UnitLine {
  /** The unit's name as written, folded: "unit b", "casa 2". */
  label: string;
  start: number;
  end: number;
}

const LINE_LABEL =
  /^[^\S\n]*[-*•·]?[^\S\n]*((?:unit|unidad|unidade|depto|apto|apt|casa|lote|lot|villa|torre|tower|block|bloque|bloco)[^\S\n]+(?:[a-z]|\d{1,3}))(?![\p{L}\d])/u;

export function unitLines(folded: string): UnitLine[] {
  const lines: UnitLine[] = [];
  let start = 0;
  for (const text of folded.split('\n')) {
    const label = LINE_LABEL.exec(text)?.[1];
    if (label) lines.push({ label: label.replace(/\s+/g, ' '), start, end: start + text.length });
    start += text.length + 1;
  }
  return lines;
}

/** The line of the unit the first line names, when later lines list two or more units. */
export function titledUnitLine(folded: string): UnitLine | undefined {
  const firstBreak = folded.indexOf('\n');
  if (firstBreak < 0) return undefined;
  const lines = unitLines(folded).filter((l) => l.start > firstBreak);
  if (new Set(lines.map((l) => l.label)).size < 2) return undefined;
  const title = folded.slice(0, firstBreak);
  return lines.find((l) => {
    const at = title.indexOf(l.label);
    return at >= 0 && !/[\p{L}\d]/u.test(title.charAt(at + l.label.length));
  });
}

/**
 * Of mentions found anywhere in the text, those that describe the titled unit: the ones on its
 * line and the ones on no other unit's line. Without a titled unit, all of them.
 */
export function forTitledUnit<T extends { start: number; end: number }>(
  folded: string,
  found: T[],
): T[] {
  const titled = titledUnitLine(folded);
  if (!titled) return found;
  const others = unitLines(folded).filter((l) => l.start !== titled.start);
  return found.filter((m) => !others.some((l) => m.start >= l.start && m.end <= l.end));
}
